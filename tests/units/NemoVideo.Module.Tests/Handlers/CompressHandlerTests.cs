using System.Management.Automation;
using NemoVideo.Client;
using NemoVideo.Module.Engine;
using NemoVideo.Module.Handlers;
using NemoVideo.Module.Tests.Fakes;

namespace NemoVideo.Module.Tests.Handlers;

public sealed class CompressHandlerTests : FileSystemTest
{
    private const long FiftyMegabytes = 50L * 1024 * 1024;


    [Fact]
    public async Task Each_file_gets_its_own_session_upload_instruction_export_and_download()
    {
        Directory.File("videos/a.mp4", 4000);
        Directory.File("videos/b.mov", 2000);

        await Compress(Request("videos/*", resolution: "720p", noAudio: true));

        var results = Host.ObjectsOf<NemoCompressionResult>().OrderBy(result => result.Input).ToList();
        Assert.Equal([CompressionStatus.Compressed, CompressionStatus.Compressed], results.Select(result => result.Status));
        Assert.Equal(Directory.Combine("small", "a.mp4"), results[0].Output);
        Assert.Equal(Directory.Combine("small", "b.mp4"), results[1].Output);
        Assert.Equal(4000, results[0].InputSize);
        Assert.Equal(1000, results[0].OutputSize);
        Assert.Equal(0.25, results[0].Ratio);
        Assert.Equal(0.5, results[1].Ratio);
        // s1 is the connection's own session; each file gets a new one.
        var instructions = Client.Calls.Where(call => call.StartsWith("Instruction ")).Order().ToList();
        Assert.Equal(
            new[] { "s2", "s3" }.Select(session => $"Instruction {session} Compress this video to under {FiftyMegabytes} bytes, scale it to 720p, remove the audio and save it as mp4."),
            instructions);
        Assert.True(File.Exists(Directory.Combine("small", "a.mp4")));
        Assert.Empty(Host.Errors);
    }

    [Fact]
    public async Task A_rerun_skips_files_whose_output_exists_and_Force_redoes_them()
    {
        Directory.File("videos/a.mp4", 4000);
        Directory.File("videos/b.mp4", 4000);
        Directory.File("small/a.mp4", 300);

        await Compress(Request("videos/*.mp4"));

        var results = Host.ObjectsOf<NemoCompressionResult>().ToDictionary(result => Path.GetFileName(result.Input));
        Assert.Equal(CompressionStatus.Skipped, results["a.mp4"].Status);
        Assert.Equal(300, results["a.mp4"].OutputSize);
        Assert.Equal(CompressionStatus.Compressed, results["b.mp4"].Status);
        Assert.DoesNotContain(Client.Calls, call => call.Contains("UploadFile") && call.EndsWith("a.mp4"));
        Assert.Equal(300, new FileInfo(Directory.Combine("small", "a.mp4")).Length);

        var forced = new FakeCommandHost(Directory.Path);
        await new CompressHandler(TestConnections.Open(Client), Request("videos/*.mp4") with { Force = true }, new ManualTimeProvider()).ExecuteAsync(forced, CancellationToken.None);

        Assert.All(forced.ObjectsOf<NemoCompressionResult>(), result => Assert.Equal(CompressionStatus.Compressed, result.Status));
        Assert.Equal(1000, new FileInfo(Directory.Combine("small", "a.mp4")).Length);
    }

    [Fact]
    public async Task One_failed_file_is_a_non_terminating_error_with_a_Failed_result_and_the_others_finish()
    {
        var broken = Directory.File("videos/broken.mp4");
        Directory.File("videos/fine1.mp4");
        Directory.File("videos/fine2.mp4");
        Client.OnUploadFile = (session, path, _) => path == broken
            ? throw new NemoException(NemoErrorIds.UploadUnsupportedType, NemoErrorCategory.InvalidData, "not a video", target: path)
            : Task.FromResult<IReadOnlyList<NemoMedia>>([new NemoMedia(session.SessionId, "m", Path.GetFileName(path), null, path, 100, "{}")]);

        await Compress(Request("videos/*.mp4"));

        var error = Assert.Single(Host.Errors);
        Assert.Equal("Nemo.Upload.UnsupportedType", error.ErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.Category);
        Assert.Equal(broken, error.TargetObject);
        var results = Host.ObjectsOf<NemoCompressionResult>().ToDictionary(result => Path.GetFileName(result.Input));
        Assert.Equal(CompressionStatus.Failed, results["broken.mp4"].Status);
        Assert.Null(results["broken.mp4"].Ratio);
        Assert.Equal(CompressionStatus.Compressed, results["fine1.mp4"].Status);
        Assert.Equal(CompressionStatus.Compressed, results["fine2.mp4"].Status);
        Assert.False(File.Exists(Directory.Combine("small", "broken.mp4")));
    }

    [Fact]
    public async Task No_more_than_ThrottleLimit_files_run_at_once()
    {
        for (var i = 0; i < 4; i++)
        {
            Directory.File($"videos/{i}.mp4");
        }

        var started = new SemaphoreSlim(0);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Client.OnUploadFile = async (session, path, _) =>
        {
            started.Release();
            await release.Task;
            return [new NemoMedia(session.SessionId, "m", Path.GetFileName(path), null, path, 100, "{}")];
        };

        var running = Compress(Request("videos/*.mp4") with { ThrottleLimit = 2 });
        await started.WaitAsync(TestContext.Current.CancellationToken);
        await started.WaitAsync(TestContext.Current.CancellationToken);

        // Two are in flight and holding their slots: a third must not have started.
        Assert.False(await started.WaitAsync(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken));
        release.SetResult();
        await running;

        Assert.Equal(2, Client.MaxConcurrentSessions);
        Assert.Equal(4, Host.ObjectsOf<NemoCompressionResult>().Count(result => result.Status == CompressionStatus.Compressed));
    }

    [Fact]
    public async Task WhatIf_compresses_nothing()
    {
        Directory.File("videos/a.mp4");
        Host.ShouldProcessAnswer = false;

        await Compress(Request("videos/*.mp4"));

        Assert.Empty(Host.Objects);
        Assert.DoesNotContain(Client.Calls, call => call.StartsWith("UploadFile"));
        Assert.Single(Host.ShouldProcessCalls);
    }

    [Fact]
    public async Task An_output_that_would_replace_its_source_is_refused()
    {
        var source = Directory.File("small/a.mp4", 500);

        await Compress(Request("small/a.mp4") with { Force = true });

        var error = Assert.Single(Host.Errors);
        Assert.Equal("Nemo.Compress.OutputIsInput", error.ErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.Category);
        Assert.Equal(CompressionStatus.Failed, Assert.Single(Host.ObjectsOf<NemoCompressionResult>()).Status);
        Assert.Equal(500, new FileInfo(source).Length);
        Assert.DoesNotContain(Client.Calls, call => call.StartsWith("UploadFile"));
    }

    /// <summary>A reviewer's -OutputDirectory that was a symbolic link to the source's folder: with -Force the compressed
    /// file replaced the source (the check compared path strings).</summary>
    [Theory]
    [InlineData("videos/a.mp4", "vlink")]
    [InlineData("vlink/a.mp4", "videos")]
    [InlineData("vlink/a.mp4", "vlink2")]
    public async Task An_output_folder_that_is_a_link_to_the_sources_folder_is_refused_like_the_folder(string input, string outputDirectory)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Symbolic links need privileges on Windows.");
        var source = Directory.File("videos/a.mp4", 500);
        System.IO.Directory.CreateSymbolicLink(Path.Combine(Directory.Path, "vlink"), "videos");
        System.IO.Directory.CreateSymbolicLink(Path.Combine(Directory.Path, "vlink2"), Path.Combine(Directory.Path, "vlink"));

        await Compress(new CompressRequest([new PathArgument(input, Literal: false)], FiftyMegabytes, outputDirectory, null, false, Force: true,
            CompressRequest.DefaultThrottleLimit, "en"));

        Assert.Equal("Nemo.Compress.OutputIsInput", Assert.Single(Host.Errors).ErrorId);
        Assert.Equal(500, new FileInfo(source).Length);
        Assert.DoesNotContain(Client.Calls, call => call.StartsWith("UploadFile"));
    }

    [Fact]
    public async Task Two_inputs_with_the_same_name_do_not_overwrite_each_other()
    {
        Directory.File("one/clip.mp4");
        Directory.File("two/clip.mp4");
        var request = Request("one/clip.mp4") with { Inputs = [new PathArgument("one/clip.mp4", true), new PathArgument("two/clip.mp4", true)] };

        await Compress(request);

        Assert.Equal("Nemo.Compress.DuplicateOutput", Assert.Single(Host.Errors).ErrorId);
        Assert.Equal(Directory.Combine("two", "clip.mp4"), Host.Errors[0].TargetObject);
        Assert.Single(Host.ObjectsOf<NemoCompressionResult>(), result => result.Status == CompressionStatus.Compressed);
    }

    [Fact]
    public async Task A_rerun_after_an_interrupted_download_uploads_and_instructs_nothing_again_and_waits_for_the_same_render()
    {
        Directory.File("videos/a.mp4");
        using (var cancellation = new CancellationTokenSource())
        {
            Client.BeforeDownload = token =>
            {
                cancellation.Cancel();
                token.ThrowIfCancellationRequested();
                return Task.CompletedTask;
            };
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                new CompressHandler(TestConnections.Open(Client), Request("videos/a.mp4"), new ManualTimeProvider()).ExecuteAsync(Host, cancellation.Token));
        }

        // A killed download leaves its temporary file behind; the rerun removes it.
        var stale = Directory.File("small/.a.mp4.0123456789abcdef.partial");
        var firstRun = Client.Calls.ToList();
        Client.BeforeDownload = null;

        await Compress(Request("videos/a.mp4"));

        // The first call of each run opens the test's connection, not a file's session.
        var rerun = Client.Calls.Skip(firstRun.Count + 1).ToList();
        Assert.DoesNotContain(rerun, call => call.StartsWith("CreateSession") || call.StartsWith("UploadFile") || call.StartsWith("Instruction") || call.StartsWith("Render "));
        var firstWait = Assert.Single(firstRun, call => call.StartsWith("Wait "));
        Assert.Contains(firstWait, rerun);
        Assert.False(File.Exists(stale));
        Assert.Single(Host.ObjectsOf<NemoCompressionResult>(), result => result.Status == CompressionStatus.Compressed);
        Assert.False(File.Exists(Directory.Combine("small", NemoVideo.Module.Batch.BatchJournal.FileName)), "a finished batch leaves no journal");
    }

    [Fact]
    public async Task The_expected_cost_is_said_before_the_batch_and_in_WhatIf()
    {
        Directory.File("videos/a.mp4");
        Directory.File("videos/b.mp4");
        Client.Credit = new NemoCredit(80, 0, 100);
        Host.ShouldProcessAnswer = false;

        await Compress(Request("videos/*.mp4"));

        Assert.Contains(Host.Information, entry => entry.Text.Contains("about 100 credits"));
        Assert.All(Host.ShouldProcessCalls, call => Assert.Contains("about 100 credits", call.Action));
        Assert.Contains(Host.Warnings, warning => warning.Contains("cover about 1 of the 2 files"));
        Assert.DoesNotContain(Client.Calls, call => call.StartsWith("Instruction"));
    }

    [Fact]
    public async Task A_declined_size_instruction_fails_its_file_without_a_render_and_a_rerun_sends_it_again()
    {
        Directory.File("videos/a.mp4");
        var declined = true;
        Client.OnInstruction = (session, text, progress, token) => Task.FromResult(declined
            ? new InstructionResult(session.SessionId, "1,000 bytes is too small for this clip. Nothing was changed.", [], [], [], false, TimeSpan.Zero)
            : Applied(session));

        await Compress(Request("videos/a.mp4"));

        var error = Assert.Single(Host.Errors);
        Assert.Equal(("Nemo.Compress.InstructionNotApplied", ErrorCategory.InvalidArgument, (object)Directory.Combine("videos", "a.mp4")),
            (error.ErrorId, error.Category, error.TargetObject));
        Assert.Contains("too small", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(CompressionStatus.Failed, Assert.Single(Host.ObjectsOf<NemoCompressionResult>()).Status);
        Assert.DoesNotContain(Client.Calls, call => call.StartsWith("Render", StringComparison.Ordinal));
        Assert.False(File.Exists(Directory.Combine("small", "a.mp4")));

        // The rerun (after the user allowed more) sends the instruction again at once: nothing was applied to wait for.
        declined = false;
        var started = DateTime.UtcNow;
        await Compress(Request("videos/a.mp4"));

        Assert.Equal(2, Client.Calls.Count(call => call.StartsWith("Instruction", StringComparison.Ordinal)));
        Assert.True(File.Exists(Directory.Combine("small", "a.mp4")));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30), "the rerun did not wait for the declined instruction to show");
    }

    /// <summary>A fresh review saw the rerun its advice asks for (a larger -MaxSize) open a new session and upload the file
    /// again: the journal entry was for the old instruction, though nothing had been applied in its session.</summary>
    [Fact]
    public async Task A_rerun_with_a_larger_ceiling_after_a_decline_uses_the_same_session_and_upload()
    {
        Directory.File("videos/a.mp4");
        var declined = true;
        Client.OnInstruction = (session, text, progress, token) => Task.FromResult(declined
            ? new InstructionResult(session.SessionId, "20,000 bytes is too small for 10 seconds of video. Allow at least 52,073 bytes.", [], [], [], false, TimeSpan.Zero)
            : Applied(session));
        await Compress(Request("videos/a.mp4") with { MaxSize = 20_000 });
        Assert.Equal("Nemo.Compress.InstructionNotApplied", Assert.Single(Host.Errors).ErrorId);

        declined = false;
        await Compress(Request("videos/a.mp4") with { MaxSize = 60_000 });

        var upload = Assert.Single(Client.Calls, call => call.StartsWith("UploadFile", StringComparison.Ordinal));
        var session = upload.Split(' ')[1];
        Assert.Contains($"ResumeSession {session}", Client.Calls);
        var instructions = Client.Calls.Where(call => call.StartsWith("Instruction", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, instructions.Count);
        Assert.StartsWith($"Instruction {session} Compress this video to under 60000 bytes", instructions[1], StringComparison.Ordinal);
        Assert.True(File.Exists(Directory.Combine("small", "a.mp4")));
    }

    [Fact]
    public async Task Running_out_of_credits_stops_starting_new_files_and_keeps_what_is_done()
    {
        foreach (var name in new[] { "a", "b", "c" })
        {
            Directory.File($"videos/{name}.mp4");
        }

        Client.Credit = new NemoCredit(60, 0, 100);
        var instructions = 0;
        Client.OnInstruction = (session, text, progress, token) => Interlocked.Increment(ref instructions) == 1
            ? Task.FromResult(Applied(session))
            : throw new NemoException(NemoErrorIds.CreditsExhausted, NemoErrorCategory.QuotaExceeded,
                "The free anonymous credits are used up. Register at https://web.test/?bind=x to keep this work and get more credits.",
                "Register at https://web.test/?bind=x to keep this work and get more credits.", session.SessionId, 2001);

        await Compress(Request("videos/*.mp4") with { ThrottleLimit = 1 });

        var results = Host.ObjectsOf<NemoCompressionResult>().OrderBy(result => result.Input).Select(result => result.Status).ToList();
        Assert.Equal([CompressionStatus.Compressed, CompressionStatus.Failed, CompressionStatus.Failed], results);
        Assert.Equal(2, instructions);
        Assert.Equal([NemoErrorIds.CreditsExhausted, "Nemo.Compress.NotStartedNoCredits"], Host.Errors.Select(error => error.ErrorId));
        Assert.All(Host.Errors, error => Assert.Contains("?bind=", error.RecommendedAction));
        Assert.Equal([Directory.Combine("videos", "b.mp4"), Directory.Combine("videos", "c.mp4")], Host.Errors.Select(error => (string)error.TargetObject!));
        Assert.True(File.Exists(Directory.Combine("small", "a.mp4")));
    }

    [Fact]
    public async Task The_anonymous_token_quota_fails_the_file_without_continuing_it_and_stops_starting_new_files()
    {
        foreach (var name in new[] { "a", "b", "c" })
        {
            Directory.File($"videos/{name}.mp4");
        }

        var uploads = 0;
        Client.OnUploadFile = (session, path, _) =>
        {
            Interlocked.Increment(ref uploads);
            throw new NemoException(NemoErrorIds.AuthAnonymousTokenQuota, NemoErrorCategory.QuotaExceeded,
                "The service refused an anonymous token (HTTP 429): it gives one anonymous token per client id per 7 days.",
                "Wait, or set NEMO_TOKEN to a token from the NemoVideo web settings.", "api/auth/anonymous-token", 429);
        };

        await Compress(Request("videos/*.mp4") with { ThrottleLimit = 1 });

        Assert.Equal(1, uploads);
        Assert.All(Host.ObjectsOf<NemoCompressionResult>(), result => Assert.Equal(CompressionStatus.Failed, result.Status));
        Assert.Equal([NemoErrorIds.AuthAnonymousTokenQuota, "Nemo.Compress.NotStartedNoToken", "Nemo.Compress.NotStartedNoToken"], Host.Errors.Select(error => error.ErrorId));
        Assert.All(Host.Errors, error => Assert.Contains("NEMO_TOKEN", error.RecommendedAction));
    }

    [Fact]
    public async Task A_transient_failure_continues_the_file_once_from_the_journal_without_a_second_instruction()
    {
        Directory.File("videos/a.mp4");
        var uploads = 0;
        Client.OnUploadFile = (session, path, _) => Interlocked.Increment(ref uploads) == 1
            ? throw new NemoException(NemoErrorIds.ApiUnavailable, NemoErrorCategory.ResourceUnavailable, "unavailable; it was retried", "Run again later.", path, httpStatus: 503)
            : Task.FromResult<IReadOnlyList<NemoMedia>>([new NemoMedia(session.SessionId, "m1", "a.mp4", null, path, 100, "{}")]);

        await Compress(Request("videos/a.mp4"));

        Assert.Empty(Host.Errors);
        Assert.Equal(CompressionStatus.Compressed, Assert.Single(Host.ObjectsOf<NemoCompressionResult>()).Status);
        Assert.Single(Client.Calls, call => call.StartsWith("Instruction"));
        // The connection's session and the file's one session: the continuation stays in it.
        Assert.Equal(2, Client.Calls.Count(call => call.StartsWith("CreateSession")));
    }

    [Fact]
    public async Task A_rerun_waits_for_the_latest_render_and_gives_it_this_runs_one_resubmission()
    {
        Directory.File("videos/a.mp4");
        // The client resubmits the failed first render (reporting the new id), then the run is interrupted.
        Client.OnWaitForRender = (job, progress) =>
        {
            progress?.Report(new RenderProgress("render_again", RenderStatus.Pending, 0, TimeSpan.FromSeconds(1)));
            throw new NemoException(NemoErrorIds.ExportRenderTimeout, NemoErrorCategory.OperationTimeout, "Render render_again did not finish.", "Run again later.", "render_again");
        };
        await Compress(Request("videos/a.mp4"));
        Assert.Single(Client.Calls, call => call.StartsWith("Render "));

        Client.OnWaitForRender = null;
        var rerun = new FakeCommandHost(Directory.Path);
        await new CompressHandler(TestConnections.Open(Client), Request("videos/a.mp4"), new ManualTimeProvider()).ExecuteAsync(rerun, CancellationToken.None);

        Assert.Empty(rerun.Errors);
        Assert.Single(Client.Calls, call => call.StartsWith("Render "));
        var resumed = Client.WaitedJobs.Last();
        Assert.Equal("render_again", resumed.Id);
        // Attempt 1: should it have failed, this run may resubmit it once. The earlier run's error said "run again";
        // the soak showed a rerun that counted the earlier run's attempts failing the file again with no new render.
        Assert.Equal(1, resumed.Attempt);
        Assert.True(File.Exists(Directory.Combine("small", "a.mp4")));
    }

    private static NemoState Edited(NemoSession session, bool? busy) =>
        FakeNemoClient.StateWithOneClip(session.SessionId) with { Draft = FakeNemoClient.StateWithOneClip(session.SessionId).Draft! with { RawJson = "{\"t\":[1]}" }, AgentBusy = busy };

    private async Task InterruptedMidInstruction(ManualTimeProvider clock)
    {
        Directory.File("videos/a.mp4");
        using var stop = new CancellationTokenSource();
        Client.OnInstruction = (session, text, progress, token) => { stop.Cancel(); throw new OperationCanceledException(stop.Token); };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new CompressHandler(TestConnections.Open(Client), Request("videos/a.mp4"), clock).ExecuteAsync(Host, stop.Token));
        Client.OnInstruction = null;
    }

    [Fact]
    public async Task A_rerun_waits_for_an_instruction_the_service_is_still_running_instead_of_sending_it_again()
    {
        // A fresh-eyes review saw it: after 45 s the rerun sent the instruction again while the hosted agent still ran
        // it (the contract allows 15 minutes), and the file was charged twice.
        var clock = new ManualTimeProvider();
        await InterruptedMidInstruction(clock);
        clock.Advance(TimeSpan.FromMinutes(5));
        var polls = 0;
        Client.OnGetState = session => ++polls <= 3 ? FakeNemoClient.StateWithOneClip(session.SessionId) with { AgentBusy = polls > 1 ? true : null } : Edited(session, false);

        var rerun = new FakeCommandHost(Directory.Path);
        await new CompressHandler(TestConnections.Open(Client), Request("videos/a.mp4"), clock).ExecuteAsync(rerun, CancellationToken.None);

        Assert.Empty(rerun.Errors);
        Assert.Single(Client.Calls, call => call.StartsWith("Instruction"));
        Assert.Contains(rerun.Verbose, line => line.Contains("may still be running"));
    }

    [Fact]
    public async Task A_rerun_sends_the_instruction_at_once_when_the_service_says_nothing_runs_and_nothing_changed()
    {
        var clock = new ManualTimeProvider();
        await InterruptedMidInstruction(clock);
        Client.OnGetState = session => FakeNemoClient.StateWithOneClip(session.SessionId) with { AgentBusy = false };

        var rerun = new FakeCommandHost(Directory.Path);
        await new CompressHandler(TestConnections.Open(Client), Request("videos/a.mp4"), clock).ExecuteAsync(rerun, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.Empty(rerun.Errors);
        Assert.Equal(2, Client.Calls.Count(call => call.StartsWith("Instruction")));
    }

    [Fact]
    public async Task A_rerun_sends_the_instruction_again_only_after_the_contracts_15_minutes_when_the_service_does_not_say()
    {
        var clock = new ManualTimeProvider();
        await InterruptedMidInstruction(clock);
        clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));

        var rerun = new FakeCommandHost(Directory.Path);
        await new CompressHandler(TestConnections.Open(Client), Request("videos/a.mp4"), clock).ExecuteAsync(rerun, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.Empty(rerun.Errors);
        Assert.Equal(2, Client.Calls.Count(call => call.StartsWith("Instruction")));
    }

    private static InstructionResult Applied(NemoSession session) =>
        new(session.SessionId, "Done.", [], FakeNemoClient.AppliedEdit, [], false, TimeSpan.Zero);

    private static InstructionResult Dropped(NemoSession session) =>
        new(session.SessionId, string.Empty, [], [], [], true, TimeSpan.FromSeconds(1));

    /// <summary>CI saw it: a batch through a killed and restarted API node rendered one clip unedited, since a broken stream
    /// with no change shown was taken as applied; the restarted server had dropped that instruction uncharged.</summary>
    [Fact]
    public async Task An_instruction_lost_with_its_stream_is_sent_once_more_when_the_state_shows_nothing_applied_and_nothing_running()
    {
        Directory.File("videos/a.mp4");
        var sends = 0;
        Client.OnInstruction = (session, text, progress, token) => Task.FromResult(++sends == 1 ? Dropped(session)
            : Applied(session));
        Client.OnGetState = session => FakeNemoClient.StateWithOneClip(session.SessionId) with { AgentBusy = false };

        await Compress(Request("videos/a.mp4"));

        Assert.Empty(Host.Errors);
        Assert.Equal(2, sends);
        Assert.Single(Client.Calls, call => call.StartsWith("Render", StringComparison.Ordinal));
        Assert.Contains(Host.Verbose, line => line.Contains("sending it once more", StringComparison.Ordinal));
        Assert.Equal(CompressionStatus.Compressed, Assert.Single(Host.ObjectsOf<NemoCompressionResult>()).Status);
    }

    [Fact]
    public async Task An_instruction_whose_stream_broke_but_whose_edit_shows_later_is_rendered_without_sending_it_again()
    {
        Directory.File("videos/a.mp4");
        var sent = false;
        Client.OnInstruction = (session, text, progress, token) =>
        {
            sent = true;
            return Task.FromResult(Dropped(session));
        };
        Client.OnGetState = session => sent ? Edited(session, false) : FakeNemoClient.StateWithOneClip(session.SessionId) with { AgentBusy = false };

        await Compress(Request("videos/a.mp4"));

        Assert.Empty(Host.Errors);
        Assert.Single(Client.Calls, call => call.StartsWith("Instruction", StringComparison.Ordinal));
        Assert.Single(Client.Calls, call => call.StartsWith("Render", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_instruction_lost_twice_fails_its_file_with_nothing_rendered_and_a_rerun_sends_it_after_checking_the_state()
    {
        Directory.File("videos/a.mp4");
        var lost = true;
        Client.OnInstruction = (session, text, progress, token) => Task.FromResult(lost ? Dropped(session)
            : Applied(session));
        Client.OnGetState = session => FakeNemoClient.StateWithOneClip(session.SessionId) with { AgentBusy = false };

        await Compress(Request("videos/a.mp4"));

        var error = Assert.Single(Host.Errors);
        Assert.Equal(("Nemo.Compress.InstructionLost", ErrorCategory.ConnectionError, (object)Directory.Combine("videos", "a.mp4")),
            (error.ErrorId, error.Category, error.TargetObject));
        Assert.Contains("run Compress-NemoVideo again", error.RecommendedAction, StringComparison.Ordinal);
        Assert.Equal(2, Client.Calls.Count(call => call.StartsWith("Instruction", StringComparison.Ordinal)));
        Assert.DoesNotContain(Client.Calls, call => call.StartsWith("Render", StringComparison.Ordinal));
        Assert.Equal(CompressionStatus.Failed, Assert.Single(Host.ObjectsOf<NemoCompressionResult>()).Status);

        lost = false;
        await Compress(Request("videos/a.mp4"));

        Assert.Single(Host.Errors);
        Assert.Equal(3, Client.Calls.Count(call => call.StartsWith("Instruction", StringComparison.Ordinal)));
        Assert.Single(Client.Calls, call => call.StartsWith("Render", StringComparison.Ordinal));
    }

    /// <summary>A fresh review read it in the code: the two-send limit started over each time the file was continued
    /// after a transient error in the same run, so a flapping server could have it sent six times.</summary>
    [Fact]
    public async Task The_limit_of_two_sends_holds_across_the_continuations_of_one_run()
    {
        Directory.File("videos/a.mp4");
        var sends = 0;
        var outage = false;
        Client.OnInstruction = (session, text, progress, token) =>
        {
            outage = ++sends == 1;
            return Task.FromResult(Dropped(session));
        };
        Client.OnGetState = session =>
        {
            if (outage)
            {
                // The first look at the state after the first loss fails: the file is continued from its journal.
                outage = false;
                throw new NemoException(NemoErrorIds.ApiUnavailable, NemoErrorCategory.ResourceUnavailable, "The service is unavailable (HTTP 503).",
                    "Run again later.", session.SessionId, httpStatus: 503);
            }

            return FakeNemoClient.StateWithOneClip(session.SessionId) with { AgentBusy = false };
        };

        await Compress(Request("videos/a.mp4"));

        Assert.Equal("Nemo.Compress.InstructionLost", Assert.Single(Host.Errors).ErrorId);
        Assert.Equal(2, sends);
        Assert.Contains(Host.Verbose, line => line.Contains("continuing the file", StringComparison.Ordinal));
        Assert.DoesNotContain(Client.Calls, call => call.StartsWith("Render", StringComparison.Ordinal));
    }

    private static NemoException RateLimited(string target) =>
        new(NemoErrorIds.ApiRateLimited, NemoErrorCategory.LimitsExceeded, "The service is rate limiting this client (HTTP 429).", "Run again later.", target, httpStatus: 429);

    [Fact]
    public async Task A_file_that_fails_for_a_transient_reason_is_continued_twice_from_its_journal_and_finishes()
    {
        // The soak showed it: with one continuation, a busy service still left a file or two for a rerun every batch.
        Directory.File("videos/a.mp4");
        var failures = 0;
        Client.OnWaitForRender = (job, progress) => ++failures <= 2 ? throw RateLimited(job.Id) : Task.FromResult(job with { Status = RenderStatus.Completed });

        await Compress(Request("videos/a.mp4"));

        Assert.Empty(Host.Errors);
        Assert.Equal(3, failures);
        Assert.Equal(CompressionStatus.Compressed, Assert.Single(Host.ObjectsOf<NemoCompressionResult>()).Status);
        Assert.Single(Client.Calls, call => call.StartsWith("UploadFile"));
        Assert.Single(Client.Calls, call => call.StartsWith("Instruction"));
        Assert.Equal(2, Host.Verbose.Count(line => line.Contains("continuing the file from where it stood")));
    }

    [Fact]
    public async Task A_file_still_failing_after_two_continuations_is_an_error_on_that_file()
    {
        Directory.File("videos/a.mp4");
        var failures = 0;
        Client.OnWaitForRender = (job, progress) => { failures++; throw RateLimited(job.Id); };

        await Compress(Request("videos/a.mp4"));

        Assert.Equal(3, failures);
        var error = Assert.Single(Host.Errors);
        Assert.Equal(NemoErrorIds.ApiRateLimited, error.ErrorId);
        Assert.Equal(Directory.Combine("videos", "a.mp4"), error.TargetObject?.ToString());
        Assert.Single(Client.Calls, call => call.StartsWith("Instruction"));
    }

    [Fact]
    public async Task A_failure_that_would_repeat_is_not_continued()
    {
        Directory.File("videos/a.mp4");
        var failures = 0;
        Client.OnWaitForRender = (job, progress) =>
        {
            failures++;
            throw new NemoException(NemoErrorIds.ExportRenderRefused, NemoErrorCategory.InvalidData, "Render failed: the size cannot be met.", "Ask for a larger size.", job.Id);
        };

        await Compress(Request("videos/a.mp4"));

        Assert.Equal(1, failures);
        Assert.Equal(NemoErrorIds.ExportRenderRefused, Assert.Single(Host.Errors).ErrorId);
    }

    private static NemoException OutOfCredits(string sessionId) =>
        new(NemoErrorIds.CreditsExhausted, NemoErrorCategory.QuotaExceeded,
            "The free anonymous credits are used up. Register at https://web.test/?bind=x to keep this work and get more credits.",
            "Register at https://web.test/?bind=x to keep this work and get more credits.", sessionId, 2001, 403);

    [Fact]
    public async Task An_instruction_refused_for_credits_is_journaled_as_not_sent_so_a_rerun_sends_it_without_waiting()
    {
        Directory.File("videos/a.mp4");
        Client.OnInstruction = (session, text, progress, token) => throw OutOfCredits(session.SessionId);
        await Compress(Request("videos/a.mp4"));
        Assert.Equal([NemoErrorIds.CreditsExhausted], Host.Errors.Select(error => error.ErrorId));

        Client.OnInstruction = null;
        var rerun = new FakeCommandHost(Directory.Path);
        // The clock never moves: a rerun that waited for the refused instruction to show in the state would hang here.
        await new CompressHandler(TestConnections.Open(Client), Request("videos/a.mp4"), new ManualTimeProvider())
            .ExecuteAsync(rerun, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.Empty(rerun.Errors);
        Assert.Equal(2, Client.Calls.Count(call => call.StartsWith("Instruction")));
        Assert.Single(Client.Calls, call => call.StartsWith("UploadFile"));
    }

    [Fact]
    public async Task After_a_2001_no_file_in_flight_sends_its_instruction()
    {
        Directory.File("videos/a.mp4");
        Directory.File("videos/b.mp4");
        var refused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Client.OnUploadFile = async (session, path, _) =>
        {
            if (path.EndsWith("b.mp4"))
            {
                await refused.Task;
                await Task.Delay(100);
            }

            return [new NemoMedia(session.SessionId, "m-" + Path.GetFileName(path), Path.GetFileName(path), null, path, 100, "{}")];
        };
        Client.OnInstruction = (session, text, progress, token) =>
        {
            refused.TrySetResult();
            throw OutOfCredits(session.SessionId);
        };

        await Compress(Request("videos/*.mp4") with { ThrottleLimit = 2 });

        Assert.Single(Client.Calls, call => call.StartsWith("Instruction"));
        Assert.Equal([NemoErrorIds.CreditsExhausted, "Nemo.Compress.NotStartedNoCredits"], Host.Errors.Select(error => error.ErrorId));
        Assert.Equal(Directory.Combine("videos", "b.mp4"), (string)Host.Errors[1].TargetObject!);
        Assert.Contains("?bind=", Host.Errors[1].RecommendedAction);
    }

    [Fact]
    public async Task Cancelling_stops_every_file_and_leaves_no_output()
    {
        Directory.File("videos/a.mp4");
        Directory.File("videos/b.mp4");
        using var cancellation = new CancellationTokenSource();
        Client.BeforeDownload = token =>
        {
            cancellation.Cancel();
            token.ThrowIfCancellationRequested();
            return Task.CompletedTask;
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new CompressHandler(TestConnections.Open(Client), Request("videos/*.mp4"), new ManualTimeProvider()).ExecuteAsync(Host, cancellation.Token));

        // Only the journal stays, for the rerun to continue from; no video, no partial file.
        Assert.All(System.IO.Directory.GetFiles(Directory.Combine("small")), file => Assert.StartsWith(".nemovideo-journal.", Path.GetFileName(file)));
        Assert.True(File.Exists(Directory.Combine("small", NemoVideo.Module.Batch.BatchJournal.FileName)));
        Assert.Empty(Host.Errors);
        Assert.True(Host.Progress[^1].Completed);
    }

    [Fact]
    public async Task An_output_over_the_ceiling_is_flagged()
    {
        Directory.File("videos/a.mp4", 5000);
        Client.DownloadSize = 2000;

        await Compress(Request("videos/a.mp4") with { MaxSize = 1500 });

        Assert.Contains(Host.Warnings, warning => warning.Contains("Nemo.Compress.OverBudget"));
        var result = Assert.Single(Host.ObjectsOf<NemoCompressionResult>());
        Assert.Equal(CompressionStatus.OverBudget, result.Status);
        Assert.Equal(2000, result.OutputSize);
    }

    [Fact]
    public async Task Overall_progress_counts_finished_files()
    {
        Directory.File("videos/a.mp4");
        Directory.File("videos/b.mp4");

        await Compress(Request("videos/*.mp4"));

        var overall = Host.Progress.Where(record => record.ActivityId == 1).Select(record => record.StatusDescription).ToList();
        Assert.Equal(["0 of 2 files done", "1 of 2 files done", "2 of 2 files done", "Done"], overall);
        Assert.All(Host.Progress.Where(record => record.ActivityId >= 10), record => Assert.Equal(1, record.ParentActivityId));
    }

    private static CompressRequest Request(string path, string? resolution = null, bool noAudio = false) =>
        new([new PathArgument(path, Literal: false)], FiftyMegabytes, "small", resolution, noAudio, Force: false, CompressRequest.DefaultThrottleLimit, "en");

    private Task Compress(CompressRequest request) =>
        new CompressHandler(TestConnections.Open(Client), request, new ManualTimeProvider()).ExecuteAsync(Host, CancellationToken.None);
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using NemoVideo.LocalServer.Faults;
using NemoVideo.LocalServer.Hosting;
using NemoVideo.LocalServer.Rendering;
using NemoVideo.LocalServer.State;
using NemoVideo.LocalServer.Tests.Infrastructure;

namespace NemoVideo.LocalServer.Tests.State;

/// <summary>
/// The default, durable state: a server stopped and started again on the same data folder answers for the same
/// tokens, sessions, drafts and renders, and runs again a render it was cut off in.
/// </summary>
public sealed class DurableStateTests : IDisposable
{
    private readonly string _data = TestServer.NewDataDirectory();

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task ARestartedServerAnswersForTheSameTokenSessionDraftCreditsAndFinishedRender()
    {
        string token, sessionId, draftBefore, renderUrl, statsBefore;
        long creditsBefore;
        byte[] outputBefore;
        await using (var first = await StartAsync())
        {
            var api = new RawApi(first);
            (token, sessionId) = await api.NewSessionWithVideoAsync();
            await api.RunAsync(token, sessionId, "make it 240p and remove the audio");
            draftBefore = (await api.DraftAsync(token, sessionId)).ToJsonString();
            await api.SubmitRenderAsync(token, sessionId, JsonNode.Parse(draftBefore)!, "render_before_restart");
            var job = await api.WaitForRenderAsync(token, "render_before_restart");
            Assert.Equal("completed", job["status"]!.GetValue<string>());
            renderUrl = job["output"]!["url"]!.GetValue<string>();
            outputBefore = await first.Http.GetByteArrayAsync(renderUrl, TestContext.Current.CancellationToken);
            creditsBefore = await AvailableCreditsAsync(api, token);
            statsBefore = await first.Http.GetStringAsync("/local/stats", TestContext.Current.CancellationToken);
        }

        await using var second = await StartAsync();
        var again = new RawApi(second);
        var statsAfter = await second.Http.GetStringAsync("/local/stats", TestContext.Current.CancellationToken);
        var state = await again.StateAsync(token, sessionId);
        var poll = await again.PollAsync(token, "render_before_restart");
        var outputAfter = await second.Http.GetByteArrayAsync(Rebase(renderUrl, second), TestContext.Current.CancellationToken);
        // Same id again is refused: the job is still the client's.
        var reused = await again.SubmitRenderAsync(token, sessionId, JsonNode.Parse(draftBefore)!, "render_before_restart");

        Assert.Equal(0, state["code"]!.GetValue<int>());
        Assert.Equal(Rebase(draftBefore, second), state["data"]!["state"]!["draft"]!.ToJsonString());
        Assert.Equal("render_before_restart", state["data"]!["state"]!["generated_media"]![0]!["render_id"]!.GetValue<string>());
        Assert.Equal("completed", poll["status"]!.GetValue<string>());
        Assert.Equal(outputBefore, outputAfter);
        Assert.Equal(creditsBefore, await AvailableCreditsAsync(again, token));
        Assert.True(creditsBefore < 1000, "the instruction was charged");
        Assert.Equal(statsBefore, statsAfter);
        Assert.Contains("already used", reused.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARenderCutOffByAStopIsRunAgainAfterTheRestartAndPublishedOnce()
    {
        string token, sessionId;
        await using (var first = await StartAsync(options =>
        {
            // Holds the job in "processing" until the server stops under it.
            options.Faults.Add(FaultRule.Times(FaultKind.SlowRender, 1));
            options.SlowRenderDelay = TimeSpan.FromMinutes(5);
        }))
        {
            var api = new RawApi(first);
            (token, sessionId) = await api.NewSessionWithVideoAsync();
            await api.SubmitRenderAsync(token, sessionId, await api.DraftAsync(token, sessionId), "render_cut_off");
            await api.SubmitRenderAsync(token, sessionId, await api.DraftAsync(token, sessionId), "render_waiting");
            while ((await api.PollAsync(token, "render_cut_off"))["status"]!.GetValue<string>() != "processing")
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }

            Assert.Equal("pending", (await api.PollAsync(token, "render_waiting"))["status"]!.GetValue<string>());
        }

        await using var second = await StartAsync();
        var again = new RawApi(second);
        var cutOff = await again.WaitForRenderAsync(token, "render_cut_off");
        var waiting = await again.WaitForRenderAsync(token, "render_waiting");

        Assert.Equal("completed", cutOff["status"]!.GetValue<string>());
        Assert.Equal("completed", waiting["status"]!.GetValue<string>());
        var bytes = await second.Http.GetByteArrayAsync(cutOff["output"]!["url"]!.GetValue<string>(), TestContext.Current.CancellationToken);
        Assert.Equal(cutOff["output"]!["size"]!.GetValue<long>(), bytes.Length);
        // One published file per job, nothing half-written left anywhere in the data folder.
        var renders = Directory.GetFiles(Path.Combine(second.Options.StateDirectory, "renders"), "*", SearchOption.AllDirectories);
        Assert.Equal(2, renders.Length);
        Assert.Empty(Directory.GetFiles(_data, "*.partial", SearchOption.AllDirectories));
        Assert.Equal(2, (await again.StateAsync(token, sessionId))["data"]!["state"]!["generated_media"]!.AsArray().Count);
    }

    [Fact]
    public async Task TheDatabaseKeepsOnlyAHashOfEachTokenAndIsOwnerOnly()
    {
        string token;
        await using (var server = await StartAsync())
        {
            var api = new RawApi(server);
            (token, _) = await api.NewSessionWithVideoAsync();
            await api.StateAsync(token, (await api.NewSessionAsync()).SessionId);

            // While running too: the write-ahead log holds the newest rows.
            AssertNoTokenText(token);
        }

        AssertNoTokenText(token);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        var database = Path.Combine(_data, StateFolder.Name, SqliteStateStore.FileName);
        using (var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM tokens WHERE hash = $hash";
            command.Parameters.AddWithValue("$hash", hash);
            Assert.Equal(1L, command.ExecuteScalar());
            command.CommandText = "PRAGMA user_version";
            Assert.Equal(1L, command.ExecuteScalar());
            command.CommandText = "PRAGMA journal_mode";
            Assert.Equal("wal", command.ExecuteScalar());
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(database));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
                File.GetUnixFileMode(Path.Combine(_data, StateFolder.Name)));
        }
    }

    [Fact]
    public async Task TheStrictTokenQuotaAndExpiredTokensHoldAcrossARestart()
    {
        const string clientId = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
        string token;
        await using (var first = await StartAsync(options => options.StrictTokenQuota = true))
        {
            token = await new RawApi(first).AnonymousTokenAsync(clientId);
        }

        await using var second = await StartAsync(options => options.StrictTokenQuota = true);
        using var again = TokenRequest(second, clientId);
        using var refused = await second.Http.SendAsync(again, TestContext.Current.CancellationToken);
        var (status, _) = await new RawApi(second).ExchangeAsync(second.Request(HttpMethod.Get, "/api/credits/balance/simple", token));

        Assert.Equal(429, (int)refused.StatusCode);
        Assert.Equal(200, status);
    }

    [Fact]
    public async Task ASessionTheJanitorRemovedStaysRemovedAfterARestartWithItsFiles()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        string token, sessionId;
        await using (var first = await StartAsync(options =>
        {
            options.TimeProvider = clock;
            options.SessionRetention = TimeSpan.FromHours(1);
        }))
        {
            var api = new RawApi(first);
            (token, sessionId) = await api.NewSessionWithVideoAsync();
            await api.SubmitRenderAsync(token, sessionId, await api.DraftAsync(token, sessionId), "render_retained");
            await api.WaitForRenderAsync(token, "render_retained");
            clock.Advance(TimeSpan.FromHours(2));
            ((global::NemoVideo.LocalServer.Rendering.OutputJanitor)first.Server.Services.GetService(typeof(global::NemoVideo.LocalServer.Rendering.OutputJanitor))!).Sweep();
        }

        await using var second = await StartAsync(options => options.TimeProvider = clock);
        var again = new RawApi(second);
        var state = await again.StateAsync(token, sessionId);
        var poll = await again.PollAsync(token, "render_retained");

        Assert.Equal(1002, state["code"]!.GetValue<int>());
        Assert.Equal(404, poll["code"]!.GetValue<int>());
        Assert.Empty(Directory.GetFiles(second.Options.StateDirectory, "*.mp4", SearchOption.AllDirectories));
    }

    /// <summary>A session dropped while its edit ran was charged for the edit, and the edit's write brought the
    /// session's row back: after a restart it answered again, without its media.</summary>
    [Fact]
    public async Task AnEditOfASessionDroppedWhileItRanIsNotChargedAndDoesNotBringTheSessionBack()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        string token, sessionId, reply;
        long creditsBefore, creditsAfter;
        await using (var first = await StartAsync(options =>
        {
            options.TimeProvider = clock;
            options.SessionRetention = TimeSpan.FromHours(1);
            // Holds the edit between reading the session and applying to it.
            options.Faults.Add(FaultRule.Times(FaultKind.SlowAgent, 1));
            options.SlowRenderDelay = TimeSpan.FromSeconds(3);
        }))
        {
            var api = new RawApi(first);
            (token, sessionId) = await api.NewSessionWithVideoAsync();
            creditsBefore = await AvailableCreditsAsync(api, token);
            var edit = api.RunAsync(token, sessionId, "make it 240p and remove the audio");
            while ((await api.SendAsync(first.Request(HttpMethod.Get, "/local/stats", null)))["faults_fired"]?["slow-agent"] is null)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }

            clock.Advance(TimeSpan.FromHours(2));
            ((OutputJanitor)first.Server.Services.GetService(typeof(OutputJanitor))!).Sweep();
            reply = await edit;
            creditsAfter = await AvailableCreditsAsync(api, token);
        }

        await using var second = await StartAsync(options => options.TimeProvider = clock);
        var state = await new RawApi(second).StateAsync(token, sessionId);

        Assert.Contains("The session ended while the edit ran", reply, StringComparison.Ordinal);
        Assert.Equal(creditsBefore, creditsAfter);
        Assert.Equal(1002, state["code"]!.GetValue<int>());
    }

    /// <summary>A reviewer's upload still streaming when the janitor dropped its session answered 500: the folder the
    /// file was being written into was deleted with the session.</summary>
    [Fact]
    public async Task AnUploadStillStreamingWhenItsSessionIsDroppedAnswers1002AndLeavesNoFile()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await StartAsync(options =>
        {
            options.TimeProvider = clock;
            options.SessionRetention = TimeSpan.FromHours(1);
        });
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionWithVideoAsync();
        var clip = await File.ReadAllBytesAsync(await TestClips.SmallAsync(), TestContext.Current.CancellationToken);
        var body = new PausingStream(clip, pauseAfter: clip.Length / 2);
        using var content = new MultipartFormDataContent();
        content.Add(new StreamContent(body), "files", "second.mp4");
        using var request = server.Request(HttpMethod.Post, $"/api/upload-video/nemo_agent/me/{sessionId}", token, content);
        var mediaFolder = Path.Combine(server.Options.StateDirectory, "media", sessionId);

        var sending = server.Http.SendAsync(request, TestContext.Current.CancellationToken);
        await body.Paused.WaitAsync(TestContext.Current.CancellationToken);
        while (!Directory.EnumerateFiles(mediaFolder, "*.part", SearchOption.AllDirectories).Any(file => new FileInfo(file).Length > 0))
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        clock.Advance(TimeSpan.FromHours(2));
        ((OutputJanitor)server.Server.Services.GetService(typeof(OutputJanitor))!).Sweep();
        Assert.False(Directory.Exists(mediaFolder), "the janitor deletes the dropped session's files");
        body.Resume();
        using var response = await sending;
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;

        Assert.Equal((404, 1002), ((int)response.StatusCode, answer["code"]!.GetValue<int>()));
        Assert.False(Directory.Exists(mediaFolder), "nothing of the upload is left behind");
        Assert.Equal(1002, (await api.StateAsync(token, sessionId))["code"]!.GetValue<int>());
    }

    /// <summary>A request body that stops half way until told to go on, like a slow client's upload.</summary>
    private sealed class PausingStream(byte[] data, int pauseAfter) : Stream
    {
        private readonly TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _resumed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _position;

        public Task Paused => _paused.Task;

        public void Resume() => _resumed.TrySetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position == pauseAfter)
            {
                _paused.TrySetResult();
                await _resumed.Task.WaitAsync(cancellationToken);
            }

            var end = _position < pauseAfter ? pauseAfter : data.Length;
            var count = Math.Min(buffer.Length, end - _position);
            data.AsMemory(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => data.Length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public async Task TheJanitorDeletesExpiredTokensAndQuotaTimesFromTheDatabase()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using (var server = await StartAsync(options =>
        {
            options.TimeProvider = clock;
            options.StrictTokenQuota = true;
        }))
        {
            var api = new RawApi(server);
            await api.AnonymousTokenAsync("client-a");
            await api.AnonymousTokenAsync("client-b");
            Assert.Equal((2L, 2L), CountTokenRows());
            clock.Advance(TimeSpan.FromDays(8));
            ((global::NemoVideo.LocalServer.Rendering.OutputJanitor)server.Server.Services.GetService(typeof(global::NemoVideo.LocalServer.Rendering.OutputJanitor))!).Sweep();
        }

        Assert.Equal((0L, 0L), CountTokenRows());
    }

    private (long Tokens, long Issues) CountTokenRows()
    {
        var database = Path.Combine(_data, StateFolder.Name, SqliteStateStore.FileName);
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM tokens), (SELECT count(*) FROM token_issues)";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    [Fact]
    public async Task ASecondServerOnTheSameDataFolderIsRefusedWithAClearMessage()
    {
        await using var first = await StartAsync();

        var error = await Assert.ThrowsAsync<StateStoreException>(() => StartAsync());

        Assert.Contains("Another NemoVideo server is using the data folder", error.Message, StringComparison.Ordinal);
        Assert.Contains("--in-memory", error.Message, StringComparison.Ordinal);
        Assert.Single(Directory.GetDirectories(_data, "run-*"));
    }

    [Fact]
    public async Task InMemoryKeepsNothingAcrossARestart()
    {
        string token;
        await using (var first = await StartAsync(options => options.InMemory = true))
        {
            token = (await new RawApi(first).NewSessionWithVideoAsync()).Token;
            Assert.Equal(first.Options.RunDirectory, first.Options.StateDirectory);
        }

        await using var second = await StartAsync(options => options.InMemory = true);
        var (status, body) = await new RawApi(second).ExchangeAsync(second.Request(HttpMethod.Get, "/api/credits/balance/simple", token));

        Assert.Equal(401, status);
        Assert.Equal(1001, body["code"]!.GetValue<int>());
        Assert.False(Directory.Exists(Path.Combine(_data, StateFolder.Name)));
    }

    [Fact]
    public async Task ADatabaseFromANewerServerIsRefusedRatherThanMisread()
    {
        await using (await StartAsync())
        {
        }

        var database = Path.Combine(_data, StateFolder.Name, SqliteStateStore.FileName);
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            command.ExecuteNonQuery();
        }

        var error = await Assert.ThrowsAsync<StateStoreException>(() => StartAsync());

        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
    }

    private Task<TestServer> StartAsync(Action<LocalServerOptions>? configure = null) =>
        TestServer.StartAsync(options =>
        {
            options.StartingCredits = 1000;
            configure?.Invoke(options);
        }, _data);

    private void AssertNoTokenText(string token)
    {
        var needle = Encoding.UTF8.GetBytes(token);
        var files = Directory.GetFiles(_data, "*", SearchOption.AllDirectories);
        Assert.Contains(files, file => file.EndsWith(SqliteStateStore.FileName, StringComparison.Ordinal));
        // The lock file is empty, and held exclusively while the server runs.
        foreach (var file in files.Where(file => Path.GetFileName(file) != "server.lock"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            Assert.True(copy.ToArray().AsSpan().IndexOf(needle) < 0, $"The token text is in {file}");
        }
    }

    private static async Task<long> AvailableCreditsAsync(RawApi api, string token) =>
        (await api.SendAsync(api.Server.Request(HttpMethod.Get, "/api/credits/balance/simple", token)))["data"]!["available"]!.GetValue<long>();

    /// <summary>URLs in answers carry the server's port, which a new server picks afresh.</summary>
    private static string Rebase(string text, TestServer server) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"http://127\.0\.0\.1:\d+", server.Url.GetLeftPart(UriPartial.Authority));

    private static HttpRequestMessage TokenRequest(TestServer server, string clientId)
    {
        var request = server.Request(HttpMethod.Post, "/api/auth/anonymous-token", token: null);
        request.Headers.Add("X-Client-Id", clientId);
        return request;
    }

    /// <summary>A finished render's notes and warnings are part of its answer, so a restart must give them back unchanged.</summary>
    [Fact]
    public void NotesAndWarningsOfAFinishedRenderSurviveTheDatabase()
    {
        var folder = Path.Combine(_data, "state");
        Directory.CreateDirectory(folder);
        var job = new RenderJob("render_1", "session_1", "client_1", "mp4");
        string[] notes = ["Encoded video stream #1 (the main one); stream #2 left out.", "A cover picture was left out."];
        string[] warnings = ["Encoded video stream #1 (the main one); stream #2 left out."];
        using (var store = new SqliteStateStore(folder))
        {
            store.AddRenderJob(new StoredRenderJob(0, job, "media_1", "{}"));
            job.Complete(Path.Combine(folder, "out.mp4"), 1234, DateTimeOffset.UnixEpoch, notes, warnings);
            store.UpdateRenderJob(job);
        }

        using var reopened = new SqliteStateStore(folder);
        var restored = Assert.Single(reopened.Load().RenderJobs).Job;

        Assert.Equal(RenderStatus.Completed, restored.Status);
        Assert.Equal(notes, restored.Notes);
        Assert.Equal(warnings, restored.Warnings);
    }
}

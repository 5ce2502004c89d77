using System.Diagnostics;
using System.Management.Automation;
using NemoVideo.Client;
using NemoVideo.Module.Engine;
using NemoVideo.Module.Handlers;
using NemoVideo.Module.Tests.Fakes;

namespace NemoVideo.Module.Tests.Handlers;

/// <summary>Issue 9: an output that cannot be written is found before the upload and the encode, not after the work.</summary>
public sealed class OutputPreflightTests : FileSystemTest
{
    private const long FiftyMegabytes = 50L * 1024 * 1024;

    [Fact]
    public async Task A_read_only_output_folder_stops_the_command_before_any_upload()
    {
        Directory.File("videos/a.mp4");
        var folder = System.IO.Directory.CreateDirectory(Directory.Combine("small")).FullName;
        using var readOnly = ReadOnlyFolder.Make(folder);
        Assert.SkipWhen(readOnly is null, "This machine cannot make a folder read-only for the current user (neither chmod nor chattr works).");

        var stopped = await Assert.ThrowsAsync<CommandTerminatedException>(() => Compress(Request("videos/*.mp4")));

        Assert.Equal("Nemo.Compress.OutputNotWritable", stopped.Error.ErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, stopped.Error.Category);
        Assert.Equal(folder, stopped.Error.TargetObject);
        Assert.Contains("Nothing was uploaded", stopped.Error.Exception.Message);
        Assert.DoesNotContain(Client.Calls, call => call.StartsWith("UploadFile"));
    }

    [Fact]
    public async Task An_output_directory_that_is_a_file_stops_the_command_before_any_upload()
    {
        Directory.File("videos/a.mp4");
        var notAFolder = Directory.File("small", 10);

        var stopped = await Assert.ThrowsAsync<CommandTerminatedException>(() => Compress(Request("videos/*.mp4")));

        Assert.Equal("Nemo.Compress.OutputNotWritable", stopped.Error.ErrorId);
        Assert.Equal(notAFolder, stopped.Error.TargetObject);
        Assert.DoesNotContain(Client.Calls, call => call.StartsWith("UploadFile"));
    }

    [Fact]
    public async Task An_output_path_that_is_an_existing_folder_fails_that_file_before_its_upload_and_the_others_go_on()
    {
        var blocked = Directory.File("videos/a.mp4");
        Directory.File("videos/b.mp4");
        System.IO.Directory.CreateDirectory(Directory.Combine("small", "a.mp4"));

        await Compress(Request("videos/*.mp4") with { Force = true });

        var error = Assert.Single(Host.Errors);
        Assert.Equal("Nemo.Compress.OutputIsFolder", error.ErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.Category);
        Assert.Equal(blocked, error.TargetObject);
        Assert.DoesNotContain(Client.Calls, call => call.StartsWith("UploadFile") && call.EndsWith("a.mp4"));
        var results = Host.ObjectsOf<NemoCompressionResult>().ToDictionary(result => Path.GetFileName(result.Input));
        Assert.Equal(CompressionStatus.Failed, results["a.mp4"].Status);
        Assert.Equal(CompressionStatus.Compressed, results["b.mp4"].Status);
    }

    [Fact]
    public async Task A_disk_without_room_for_the_result_fails_the_file_before_its_upload()
    {
        var input = Directory.File("videos/a.mp4", 4000);

        await Compress(Request("videos/a.mp4"), new OutputPreflight(_ => 1000));

        var error = Assert.Single(Host.Errors);
        Assert.Equal("Nemo.Compress.NotEnoughSpace", error.ErrorId);
        Assert.Equal(ErrorCategory.ResourceUnavailable, error.Category);
        Assert.Equal(input, error.TargetObject);
        Assert.Contains("Free some space", error.RecommendedAction);
        Assert.DoesNotContain(Client.Calls, call => call.StartsWith("UploadFile"));
    }

    [Fact]
    public async Task The_room_needed_is_the_smaller_of_the_ceiling_and_the_source()
    {
        Directory.File("videos/a.mp4", 4000);

        await Compress(Request("videos/a.mp4") with { MaxSize = 1500 }, new OutputPreflight(_ => 2000));

        Assert.DoesNotContain(Host.Errors, error => error.ErrorId == "Nemo.Compress.NotEnoughSpace");
        Assert.Contains(Client.Calls, call => call.StartsWith("UploadFile"));
    }

    [Fact]
    public async Task Files_downloading_side_by_side_each_need_their_own_room()
    {
        Directory.File("videos/a.mp4", 4000);
        Directory.File("videos/b.mp4", 4000);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var uploads = 0;
        Client.OnUploadFile = async (session, path, _) =>
        {
            if (Interlocked.Increment(ref uploads) == 1)
            {
                await gate.Task; // the first holds its room until the second has been checked
            }

            return [new NemoMedia(session.SessionId, "m", Path.GetFileName(path), null, path, 100, "{}")];
        };
        Host.OnError = _ => gate.TrySetResult();

        await Compress(Request("videos/*.mp4") with { ThrottleLimit = 2 }, new OutputPreflight(_ => 6000));

        Assert.Equal("Nemo.Compress.NotEnoughSpace", Assert.Single(Host.Errors).ErrorId);
        Assert.Single(Host.ObjectsOf<NemoCompressionResult>(), result => result.Status == CompressionStatus.Compressed);
    }

    [Fact]
    public async Task One_at_a_time_the_same_room_serves_every_file()
    {
        Directory.File("videos/a.mp4", 4000);
        Directory.File("videos/b.mp4", 4000);

        await Compress(Request("videos/*.mp4") with { ThrottleLimit = 1 }, new OutputPreflight(_ => 6000));

        Assert.Empty(Host.Errors);
        Assert.Equal(2, Host.ObjectsOf<NemoCompressionResult>().Count(result => result.Status == CompressionStatus.Compressed));
    }

    [Fact]
    public async Task A_failed_download_from_the_local_server_does_not_promise_the_render_is_kept()
    {
        Directory.File("videos/a.mp4");
        Client.BeforeDownload = _ => throw new NemoException(NemoErrorIds.DownloadFailed, NemoErrorCategory.ReadError, "disk full",
            "Try the download again; the render is kept on the service.", "r1");

        await new CompressHandler(TestConnections.Open(Client, new FakeLocalServer()), Request("videos/a.mp4"), new ManualTimeProvider())
            .ExecuteAsync(Host, CancellationToken.None);

        var error = Assert.Single(Host.Errors);
        Assert.Equal("Nemo.Download.Failed", error.ErrorId);
        Assert.DoesNotContain("kept on the service", error.RecommendedAction);
        Assert.Contains("Disconnect-Nemo", error.RecommendedAction);
    }

    [Fact]
    public async Task A_failed_download_from_the_hosted_service_keeps_its_advice()
    {
        Directory.File("videos/a.mp4");
        Client.BeforeDownload = _ => throw new NemoException(NemoErrorIds.DownloadFailed, NemoErrorCategory.ReadError, "disk full",
            "Try the download again; the render is kept on the service.", "r1");

        await Compress(Request("videos/a.mp4"));

        Assert.Contains("kept on the service", Assert.Single(Host.Errors).RecommendedAction);
    }

    private static CompressRequest Request(string path) =>
        new([new PathArgument(path, Literal: false)], FiftyMegabytes, "small", null, false, Force: false, CompressRequest.DefaultThrottleLimit, "en");

    private Task Compress(CompressRequest request, OutputPreflight? preflight = null) =>
        new CompressHandler(TestConnections.Open(Client), request, new ManualTimeProvider(), preflight).ExecuteAsync(Host, CancellationToken.None);

    /// <summary>A folder the current user cannot write to: chmod for ordinary users, chattr +i for root.</summary>
    internal sealed class ReadOnlyFolder(string folder, string undo) : IDisposable
    {
        public static ReadOnlyFolder? Make(string folder)
        {
            foreach (var (make, undo) in new[] { ("chmod 555", "chmod 755"), ("chattr +i", "chattr -i") })
            {
                if (!Run(make, folder))
                {
                    continue;
                }

                var made = new ReadOnlyFolder(folder, undo);
                try
                {
                    File.WriteAllText(Path.Combine(folder, "probe"), "x");
                    File.Delete(Path.Combine(folder, "probe"));
                    made.Dispose();
                }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException)
                {
                    return made;
                }
            }

            return null;
        }

        public void Dispose() => Run(undo, folder);

        private static bool Run(string command, string folder)
        {
            var parts = command.Split(' ');
            try
            {
                using var process = Process.Start(new ProcessStartInfo(parts[0]) { ArgumentList = { parts[1], folder }, RedirectStandardError = true })!;
                process.WaitForExit();
                return process.ExitCode == 0;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return false;
            }
        }
    }
}

using System.Diagnostics;
using System.Management.Automation;
using NemoVideo.Tests.Shared;

namespace NemoVideo.Module.Runspace.Tests.Support;

/// <summary>
/// One runspace with the packaged module imported and connected to ONE real local server (Connect-Nemo -Local: real
/// HTTP, real ffmpeg), shared by every class of the collection so the suite starts a single server. A scratch folder
/// holds two small clips (videos/one.mp4, videos/two.mp4) and a file that is not a video (notes.txt).
/// </summary>
public sealed class LocalModule : IAsyncLifetime
{
    private ModuleRunspace? runspace;

    public string Work { get; } = Directory.CreateTempSubdirectory("nemo-runspace-").FullName;

    public ModuleRunspace Runspace => runspace ?? throw new InvalidOperationException("Not initialised.");

    public string Videos => Path.Combine(Work, "videos");

    public PSObject Connection { get; private set; } = null!;

    public static void SkipUnlessFfmpeg() =>
        Assert.SkipUnless(Tools.OnPath("ffmpeg") && Tools.OnPath("ffprobe"), "ffmpeg/ffprobe not found on PATH");

    public string PathOf(params string[] parts) => Path.Combine([Work, .. parts]);

    public ValueTask InitializeAsync()
    {
        // An anonymous identity of its own for the local server; nothing is written to the user's ~/.config.
        Environment.SetEnvironmentVariable("NEMO_CLIENT_ID", Guid.NewGuid().ToString());
        File.WriteAllText(PathOf("notes.txt"), "not a video");
        runspace = new ModuleRunspace(Work);
        if (!Tools.OnPath("ffmpeg") || !Tools.OnPath("ffprobe"))
        {
            // Help and import need no server; the tests that do skip themselves (SkipUnlessFfmpeg).
            return ValueTask.CompletedTask;
        }

        Tools.MakeClip(Path.Combine(Videos, "one.mp4"));
        Tools.MakeClip(Path.Combine(Videos, "two.mp4"));
        var connected = runspace.Invoke("$global:connection = Connect-Nemo -Local -ErrorAction Stop; $global:connection").ThrowIfFailed();
        Connection = Assert.Single(connected.Output);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        runspace?.Dispose();
        try
        {
            Directory.Delete(Work, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class LocalServerCollection : ICollectionFixture<LocalModule>
{
    public const string Name = "One local server";
}

public static class Tools
{
    public static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Any(directory => File.Exists(Path.Combine(directory, program)) || File.Exists(Path.Combine(directory, program + ".exe")));

    /// <summary>A real, small H.264/AAC clip (320x240, 15 fps) made by ffmpeg.</summary>
    public static string MakeClip(string path, int seconds = 1) =>
        TestFfmpeg.MakeClip(path, seconds, "320x240", 15, "1M");

    public static string Probe(string path, string entries) => TestFfmpeg.Probe(path, entries);
}

public static class PSObjects
{
    public static object? Get(this PSObject item, string property) => item.Properties[property]?.Value;

    public static string? Text(this PSObject item, string property) => item.Get(property)?.ToString();
}

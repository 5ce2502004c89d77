using NemoVideo.LocalServer.Agent;
using NemoVideo.LocalServer.Sessions;

namespace NemoVideo.LocalServer.Tests.Agent;

/// <summary>The clip the word tests read instructions against, and the two ways they read one.</summary>
internal static class InterpreterSamples
{
    /// <summary>An 8 s, 30 fps 1080p clip of 20 MB, as in issue 9's replays.</summary>
    public static readonly MediaItem Clip = new("med_1", "clip.mp4", "/nowhere/clip.mp4", 20_000_000, MediaKind.Video,
        DurationMs: 8_000, Width: 1920, Height: 1080, HasAudio: true, DownloadKey: "key") { FrameRate = 30 };

    /// <summary>The interpreter's answer for a first instruction on <paramref name="video"/> (default <see cref="Clip"/>).</summary>
    public static Interpretation Read(string instruction, MediaItem? video = null) =>
        InstructionInterpreter.Interpret(instruction, CompressionSettings.None, video ?? Clip);

    /// <summary>The answer, which must be an applied edit (the test fails with the reply otherwise).</summary>
    public static Interpretation Applied(string instruction, MediaItem? video = null)
    {
        var result = Read(instruction, video);
        Assert.True(result.IsApplied, $"'{instruction}' was declined: {result.Reply}");
        return result;
    }

    /// <summary>The settings of an applied edit.</summary>
    public static CompressionSettings Apply(string instruction, MediaItem? video = null) => Applied(instruction, video).Settings;
}

using NemoVideo.Client;
using NemoVideo.Module.Engine;
using NemoVideo.Module.Handlers;

namespace NemoVideo.Module.Tests.Handlers;

/// <summary>Compress-NemoVideo's advice for a refused ceiling. A reviewer followed it literally: "the first 30 seconds" kept
/// all of a 10 s clip (refused again), and the session line dropped -NoAudio and -Resolution.</summary>
public sealed class InfeasibleAdviceTests
{
    private static readonly NemoException Refused = new(NemoErrorIds.CompressionInfeasible, NemoErrorCategory.InvalidArgument,
        "Render render_1 was refused: 20,000 bytes is too small for 10 seconds of video. Allow at least 52,073 bytes.", "advice", "/v/clip.mp4");

    private static CompressRequest Request(string? resolution, bool noAudio) =>
        new([new PathArgument("/v/it's.mp4", Literal: true)], 20_000, "out", resolution, noAudio, Force: false, CompressRequest.DefaultThrottleLimit, "en");

    [Fact]
    public void The_session_line_carries_the_commands_own_settings_and_leaves_the_length_to_the_user()
    {
        var advised = InfeasibleAdvice.For(Refused, "/v/it's.mp4", Request("360p", noAudio: true));

        // InstructionInterpreterTests reads this instruction (with a length filled in) as a trim, the size, 360p and no sound.
        Assert.Contains("Invoke-NemoInstruction 'Keep only the first <seconds> seconds. Compress this video to under 20000 bytes, scale it to 360p, remove the audio and save it as mp4.'",
            advised.RecommendedAction, StringComparison.Ordinal);
        Assert.Contains("Send-NemoVideo -LiteralPath '/v/it''s.mp4'", advised.RecommendedAction, StringComparison.Ordinal);
        Assert.DoesNotContain("-NoAudio", advised.RecommendedAction, StringComparison.Ordinal);
        Assert.Equal((Refused.ErrorId, Refused.Message, Refused.Target), (advised.ErrorId, advised.Message, advised.Target));
    }

    [Fact]
    public void Without_NoAudio_the_advice_offers_it_and_other_errors_are_left_alone()
    {
        Assert.Contains(", or -NoAudio.", InfeasibleAdvice.For(Refused, "/v/a.mp4", Request(null, noAudio: false)).RecommendedAction, StringComparison.Ordinal);
        var other = new NemoException(NemoErrorIds.ExportRenderFailed, NemoErrorCategory.InvalidResult, "failed", "again");
        Assert.Same(other, InfeasibleAdvice.For(other, "/v/a.mp4", Request(null, noAudio: false)));
    }
}

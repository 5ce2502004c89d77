namespace NemoVideo.Compression;

/// <summary>Picks the largest picture a bitrate can feed: walking down standard short sides until the
/// bits per pixel per frame reach the codec's floor. Never above the source or the requested box.</summary>
internal static class ResolutionLadder
{
    private static readonly int[] ShortSides = [2160, 1440, 1080, 720, 540, 480, 360, 270, 240, 180, 144];

    /// <summary>Below this many bits per pixel a smaller picture, scaled back up, keeps more of the source than a starved
    /// full-size one (H.264; measured with SSIM against the source: downscaling won at 0.007-0.014 and lost at 0.019 and above).</summary>
    internal const double MinimumBitsPerPixelH264 = 0.015;

    public static (int Width, int Height) Choose(double maxWidth, double maxHeight, double videoBitsPerSecond, double frameRate, VideoCodecKind codec)
    {
        var floor = MinimumBitsPerPixelH264 * CodecEfficiency(codec);
        var candidates = Rungs(maxWidth, maxHeight).ToList();
        foreach (var (width, height) in candidates)
        {
            if (videoBitsPerSecond / (width * (double)height * frameRate) >= floor)
            {
                return (width, height);
            }
        }

        return candidates[^1];
    }

    /// <summary>
    /// The rungs worth measuring when the floor chose a picture smaller than the box: the floor's choice, the box itself,
    /// and the rung halfway between (at most three). The floor is set for moving pictures; low-motion content (screen
    /// recordings, slides, talking heads) keeps more at larger sizes, which only a measurement can tell.
    /// </summary>
    public static IReadOnlyList<(int Width, int Height)> TrialRungs(double maxWidth, double maxHeight, (int Width, int Height) chosen)
    {
        var larger = Rungs(maxWidth, maxHeight).TakeWhile(rung => rung.Width * rung.Height > chosen.Width * chosen.Height).ToList();
        if (larger.Count == 0)
        {
            return [chosen];
        }

        return larger.Count == 1 ? [larger[0], chosen] : [larger[0], larger[larger.Count / 2], chosen];
    }

    /// <summary>Bits a codec needs relative to H.264 for similar quality.</summary>
    internal static double CodecEfficiency(VideoCodecKind codec) => codec switch
    {
        VideoCodecKind.H265 => 0.65,
        VideoCodecKind.Vp9 => 0.7,
        _ => 1.0,
    };

    private static IEnumerable<(int Width, int Height)> Rungs(double maxWidth, double maxHeight)
    {
        yield return (Even(maxWidth), Even(maxHeight));
        var shortSide = Math.Min(maxWidth, maxHeight);
        foreach (var rung in ShortSides.Where(side => side < shortSide))
        {
            var scale = rung / (double)shortSide;
            yield return (Even(maxWidth * scale), Even(maxHeight * scale));
        }
    }

    /// <summary>yuv420p needs even sizes; round down (never up: that would upscale), at least 2.</summary>
    public static int Even(double size) => Math.Max(2, (int)Math.Floor((size / 2) + 1e-6) * 2);
}

using System.Globalization;

namespace NemoVideo.Compression;

/// <summary>
/// What the source's own encoder spent on a predicted (inter) frame, as a share of a keyframe: packet sizes and flags
/// of the encoded stretch, read by demuxing only (no decoding). Where motion compensation predicts nearly everything
/// (a screen recording, slides, a talking head on a still background) an inter frame costs a few percent of a
/// keyframe, and that is the content x264's one-pass rate control spends badly on: without a first pass it cannot see
/// that the few expensive frames carry the clip, lands at 0.88–0.90 of its target, and scored 0.967 SSIM on the
/// benchmark's slide show where two passes scored 0.993 for the same ceiling.
/// </summary>
internal static class InterFrameCost
{
    /// <summary>Below this share the content is treated as low-motion. The benchmark's low-motion sources and the tests'
    /// measure 0.000–0.106 (the tests' 8 s talking head, with a single keyframe); its moving ones (noise, animation,
    /// phone clips, 4K, a face with sensor noise) 0.19–0.93.</summary>
    internal const double LowMotionShare = 0.15;

    /// <summary>Whether the plan's stretch of the source looks like low-motion content; false when it cannot be told
    /// (no keyframe or no inter frame in it, as in an intra-only codec, or the probe failed).</summary>
    public static async Task<bool> IsLowMotionAsync(FfmpegTools tools, EncodePlan plan, CancellationToken cancellationToken)
    {
        List<string> arguments = ["-v", "error", "-select_streams", plan.Source.Video.StreamIndex.ToString(CultureInfo.InvariantCulture)];
        if (plan.Start is not null || plan.Trimmed)
        {
            var start = plan.Start?.TotalSeconds ?? 0;
            arguments.AddRange(["-read_intervals", string.Create(CultureInfo.InvariantCulture, $"{start:0.###}%+{plan.DurationSeconds:0.###}")]);
        }

        arguments.AddRange(["-show_entries", "packet=size,flags", "-of", "csv=p=0", "--", plan.Source.Path]);
        var packets = new PacketSizes();
        var outcome = await ToolProcess.RunAsync(tools.FfprobePath, arguments, packets.Add, cancellationToken).ConfigureAwait(false);
        return outcome.Succeeded && packets.InterShare() is < LowMotionShare;
    }

    /// <summary>Running sums of keyframe and inter-frame packet sizes from ffprobe's "size,flags" lines.</summary>
    internal sealed class PacketSizes
    {
        private long _keyBytes, _keyCount, _interBytes, _interCount;

        public void Add(string line)
        {
            var fields = line.Trim().Split(',');
            if (fields.Length < 2 || !long.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var size))
            {
                return;
            }

            if (fields[1].Contains('K', StringComparison.Ordinal))
            {
                _keyBytes += size;
                _keyCount++;
            }
            else
            {
                _interBytes += size;
                _interCount++;
            }
        }

        /// <summary>Mean inter-frame packet over mean keyframe packet; null without both kinds.</summary>
        public double? InterShare() => _keyCount == 0 || _interCount == 0 || _keyBytes == 0
            ? null
            : (_interBytes / (double)_interCount) / (_keyBytes / (double)_keyCount);
    }
}

using System.Globalization;
using System.Text;
using NemoVideo.LocalServer.Sessions;

namespace NemoVideo.LocalServer.Agent;

/// <summary>
/// Turns what people ask of a compressor (English or Chinese) into <see cref="CompressionSettings"/>.
/// Deterministic: the same words and the same video always give the same settings. Each instruction changes only
/// what it mentions; anything it cannot do declines the whole instruction, so nothing half-applies.
/// </summary>
public static class InstructionInterpreter
{
    public const string Capabilities =
        "I can compress to a size (\"under 50MB\", \"half the size\", \"30% smaller\"), change the resolution " +
        "(4K, 1080p, 720p, 480p, vertical 1080x1920), the frame rate (\"30 fps\"), remove or keep the audio, trim " +
        "(\"first 10 seconds\", \"from 0:30 to 1:45\"), pick MP4, WebM or MOV and H.264 or H.265, and aim for the best " +
        "quality or the smallest file.";

    public static Interpretation Interpret(string instruction, CompressionSettings current, MediaItem? video)
    {
        var text = Normalize(instruction);
        var unsupported = FormatExpressions.FindUnsupported(text);
        if (unsupported is not null)
        {
            return Interpretation.Decline(current,
                $"Sorry, I can't do \"{unsupported}\" here: this is a compressor, so nothing was changed. {Capabilities}");
        }

        if (video is null)
        {
            return Interpretation.Decline(current,
                "Please upload a video first; then tell me how to compress it. " + Capabilities);
        }

        var reader = new Reader(current, video);
        reader.Read(text);
        if (reader.Problem is not null)
        {
            return Interpretation.Decline(current, reader.Problem + " Nothing was changed.");
        }

        if (reader.Understood.Count == 0 && !FormatExpressions.AsksToCompress(text))
        {
            return Interpretation.Decline(current,
                "Sorry, I didn't find a compression request in that, so nothing was changed. " + Capabilities);
        }

        if (reader.Understood.Count == 0)
        {
            reader.Understood.Add("compress with the default settings");
        }

        return new Interpretation(reader.Settings, reader.Understood, null);
    }

    /// <summary>Full-width digits and punctuation become ASCII; case is folded.</summary>
    internal static string Normalize(string text) => text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    private sealed class Reader(CompressionSettings settings, MediaItem video)
    {
        public CompressionSettings Settings { get; private set; } = settings;

        public List<string> Understood { get; } = [];

        public string? Problem { get; private set; }

        public void Read(string text)
        {
            ReadSize(text);
            ReadPicture(text);
            ReadAudio(text);
            ReadTrim(text);
            ReadFormat(text);
            var quality = FormatExpressions.ReadQuality(text);
            if (quality is not null)
            {
                Apply(Settings with { Quality = quality }, quality == "high" ? "the best quality" : "the smallest file");
            }
        }

        private void ReadSize(string text)
        {
            var ceiling = SizeExpressions.ReadCeiling(text);
            if (ceiling is <= 0)
            {
                Problem = "A size ceiling has to be more than zero bytes.";
                return;
            }

            if (ceiling is long bytes)
            {
                Apply(Settings with { MaxBytes = bytes }, $"at most {bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes");
            }

            var fraction = SizeExpressions.ReadFraction(text);
            if (fraction is <= 0 or >= 1)
            {
                Problem = "A relative size has to make the file smaller than it is (between 0% and 100% of it).";
                return;
            }

            if (fraction is double share)
            {
                Apply(Settings with { SizeFraction = Math.Round(share, 4) },
                    $"{(share * 100).ToString("0.#", CultureInfo.InvariantCulture)}% of the source size");
            }
        }

        private void ReadPicture(string text)
        {
            var box = FormatExpressions.ReadResolution(text);
            if (box is not null)
            {
                Apply(Settings with { Width = box.Width, Height = box.Height },
                    box.Width is int width ? $"fit inside {width}x{box.Height}" : $"{box.Height}p");
            }

            var frameRate = FormatExpressions.ReadFrameRate(text);
            if (frameRate is <= 0 or > 240)
            {
                Problem = "A frame rate has to be between 1 and 240 fps.";
            }
            else if (frameRate is double fps)
            {
                Apply(Settings with { FrameRate = fps }, $"{fps.ToString(CultureInfo.InvariantCulture)} fps");
            }
        }

        private void ReadAudio(string text)
        {
            var removeAudio = FormatExpressions.ReadRemoveAudio(text);
            if (removeAudio is bool remove)
            {
                Apply(Settings with { RemoveAudio = remove }, remove ? "no audio" : "keep the audio");
            }
        }

        private void ReadTrim(string text)
        {
            var trim = TrimExpressions.Read(text, video.DurationMs);
            if (trim is null)
            {
                return;
            }

            var duration = video.DurationMs ?? long.MaxValue;
            var end = Math.Min(trim.EndMs ?? duration, duration);
            if (trim.StartMs >= end)
            {
                Problem = $"That trim keeps nothing: the video is {Clock(video.DurationMs ?? 0)} long.";
                return;
            }

            Apply(Settings with { TrimStartMs = trim.StartMs, TrimEndMs = end == duration ? null : end },
                $"keep {Clock(trim.StartMs)}–{Clock(end)}");
        }

        private void ReadFormat(string text)
        {
            var container = FormatExpressions.ReadContainer(text);
            var codec = FormatExpressions.ReadCodec(text);
            if (container == "webm" && codec is "h264" or "h265")
            {
                Problem = "WebM carries VP9 video here, not H.264 or H.265; ask for MP4 or MOV with that codec.";
                return;
            }

            if (container is not null)
            {
                // WebM only carries VP9 here, and MP4/MOV only H.264/H.265: the codec follows the container.
                var fittingCodec = container == "webm" ? "vp9" : Settings.VideoCodec == "vp9" ? null : Settings.VideoCodec;
                Apply(Settings with { Container = container, VideoCodec = codec ?? fittingCodec }, container.ToUpperInvariant());
            }

            if (codec is not null)
            {
                var fittingContainer = codec == "vp9" ? "webm" : Settings.Container == "webm" ? "mp4" : Settings.Container;
                Apply(Settings with { VideoCodec = codec, Container = container ?? fittingContainer }, codec.ToUpperInvariant());
            }
        }

        private void Apply(CompressionSettings updated, string description)
        {
            Settings = updated;
            Understood.Add(description);
        }

        private static string Clock(long milliseconds) =>
            TimeSpan.FromMilliseconds(milliseconds).ToString(milliseconds >= 3_600_000 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture);
    }
}

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
    public static Interpretation Interpret(string instruction, CompressionSettings current, MediaItem? video)
    {
        var words = Wording.For(instruction);
        var text = Normalize(instruction);
        // A part this engine cannot do is named as not done and set aside; the other parts are still done. Only when
        // nothing else is asked does the whole instruction change nothing.
        var setAside = new List<string>();
        string? firstRefusal = null;
        foreach (var (refusal, refusedPart, index) in Refusals(text, words))
        {
            firstRefusal ??= refusal;
            setAside.Add(refusedPart);
            text = Clauses.BlankPartAt(text, index);
        }

        if (video is null)
        {
            return Interpretation.Decline(current, firstRefusal ?? $"{words.UploadFirst} {words.Capabilities}");
        }

        var reader = new Reader(current, video, words);
        reader.Read(text);
        if (reader.Problem is not null && reader.Understood.Count == 0)
        {
            return Interpretation.Decline(current, $"{reader.Problem} {words.NothingChanged}");
        }

        // An impossible value (600 fps, a trim that keeps nothing, H.264 in WebM) is one part not done, not the end of
        // the others: "compress to 10MB at 600 fps" still sets the 10 MB.
        reader.NotDone.InsertRange(0, reader.Problems.Select(problem => problem.TrimEnd('.', '。')));

        if (firstRefusal is not null && reader.Understood.Count == 0)
        {
            var rest = setAside.Skip(1).Concat(reader.NotDone).ToList();
            return Interpretation.Decline(current, rest.Count > 0 ? $"{firstRefusal} {words.NotDone(rest).Trim()}" : firstRefusal);
        }

        reader.NotDone.InsertRange(0, setAside);

        // Every part is done or named as not done: a part nothing was read from is said so, never silently dropped.
        // (When nothing at all was read, the reply below says so with what can be asked.)
        if (reader.Understood.Count > 0 || reader.NotDone.Count > 0)
        {
            foreach (var part in UnreadParts.Find(text, part => Reader.ReadsSomething(part, video, words), reader.ReadSpans))
            {
                reader.NotDone.Add(words.NotUnderstood(part));
            }
        }

        var notDone = reader.NotDone.Count > 0 ? words.NotDone(reader.NotDone) : string.Empty;
        if (reader.Understood.Count == 0 && reader.NotDone.Count > 0)
        {
            // Everything asked for is something this engine will not do: say so, and charge nothing.
            return Interpretation.Decline(current, $"{notDone.Trim()} {words.NothingChanged}");
        }

        if (reader.Understood.Count == 0 && TrimExpressions.FindBareTime(text) is { } time)
        {
            // "1m30s" alone: a time, but keep it or cut it? Ask rather than guess.
            return Interpretation.Decline(current, $"{words.NotDone([words.TimeWithoutTrim(time)]).Trim()} {words.NothingChanged}");
        }

        if (reader.Understood.Count == 0 && !FormatExpressions.AsksToCompress(text))
        {
            return Interpretation.Decline(current, $"{words.NothingFound} {words.Capabilities}");
        }

        if (reader.Understood.Count == 0)
        {
            reader.Understood.Add(words.Defaults);
        }

        return new Interpretation(reader.Settings, reader.Understood, words.Applied(video, reader.Understood) + notDone, IsApplied: true);
    }

    /// <summary>
    /// The parts no reading could do (music, titles, a speed change; a GIF; removing a middle part), each as the reply
    /// when it is all that was asked, its "not done" note, and where it sits.
    /// </summary>
    private static IEnumerable<(string Refusal, string NotDone, int Index)> Refusals(string text, Wording words)
    {
        foreach (var (what, index) in FormatExpressions.FindAllUnsupported(text))
        {
            yield return ($"{words.CannotDo(what)} {words.Capabilities}", words.CannotDoPart(PartAt(text, index)), index);
        }

        if (TrimExpressions.FindRemovalItCannotRead(text) is { } removal)
        {
            // Only the start or the end can go; reading these words as a trim would keep the part meant to go.
            yield return ($"{words.CannotDo(removal)} {words.TrimAdvice}", words.RemovalNotDone(removal), text.IndexOf(removal, StringComparison.Ordinal));
        }

        if (FormatExpressions.ReadUnsupportedFormatAt(text) is { } format)
        {
            yield return ($"{words.FormatNotSupported(format.Format)} {words.NothingChanged}", words.FormatNotDone(format.Format), format.Index);
        }
    }

    /// <summary>The whole part of the instruction around <paramref name="index"/> ("add a title \"urban dreams\"").</summary>
    private static string PartAt(string text, int index)
    {
        var (start, length) = Clauses.Spans(text).First(span => index >= span.Start && index < span.Start + Math.Max(span.Length, 1));
        return text.Substring(start, length).Trim(' ', '.', '!', '?', '。', '！', '？');
    }

    /// <summary>Full-width digits and punctuation become ASCII; case is folded; spelled-out numbers before a unit become digits.</summary>
    internal static string Normalize(string text) =>
        NumberWords.Rewrite(SizeUnits.SpellOutBits(text.Normalize(NormalizationForm.FormKC)).ToLowerInvariant());

    private sealed class Reader(CompressionSettings settings, MediaItem video, Wording words)
    {
        public CompressionSettings Settings { get; private set; } = settings;

        public List<string> Understood { get; } = [];

        /// <summary>What was asked for but will not be done, each with the reason.</summary>
        public List<string> NotDone { get; } = [];

        /// <summary>Impossible values asked for, each a sentence saying why; the first is <see cref="Problem"/>.</summary>
        public List<string> Problems { get; } = [];

        public string? Problem
        {
            get => Problems.FirstOrDefault();
            private set => Problems.Add(value!);
        }

        /// <summary>The instruction with the words read as a trim blanked out (so parts are checked once).</summary>
        public string UntrimmedText { get; private set; } = string.Empty;

        /// <summary>Where the trim's words sit in the instruction: parts that hold them were read.</summary>
        public IReadOnlyList<(int Start, int Length)> ReadSpans { get; private set; } = [];

        /// <summary>True when this part alone asks for something (done or said not done), or plainly asks to compress.</summary>
        public static bool ReadsSomething(string part, MediaItem video, Wording words)
        {
            if (FormatExpressions.AsksToCompress(part) || TrimExpressions.FindTrimWithoutTime(part) is not null)
            {
                return true;
            }

            var reader = new Reader(CompressionSettings.None, video, words);
            reader.Read(part);
            return reader.Understood.Count > 0 || reader.NotDone.Count > 0 || reader.Problem is not null;
        }

        public void Read(string text)
        {
            // Words read as a trim are not read again as a size: "trim to the first 1m" is one minute, not 1 MB.
            var trim = TrimExpressions.Read(text, video.DurationMs);
            var untrimmedText = trim is null ? text : trim.Blank(text);
            UntrimmedText = untrimmedText;
            ReadSpans = trim?.Matches.Select(match => (match.Index, match.Length)).ToList() ?? [];
            var understoodBeforeSize = Understood.Count;
            ReadSize(untrimmedText);
            var sizeRead = Understood.Count > understoodBeforeSize;
            ReadPicture(text);
            ReadAudio(text);
            ReadTrim(trim);
            // "trim it down to 10MB" is about the size; a trim word with neither a time nor a size is said not done.
            if (trim is null && !sizeRead && TrimExpressions.FindTrimWithoutTime(text) is { } vague)
            {
                NotDone.Add(words.TrimWithoutTime(vague));
            }

            foreach (var unknown in PlatformExpressions.ReadUnknown(text))
            {
                NotDone.Add(words.UnknownPlatform(unknown));
            }

            ReadFormat(text);
            var quality = FormatExpressions.ReadQuality(text);
            if (quality is not null)
            {
                Apply(Settings with { Quality = quality }, quality == "high" ? words.BestQuality : words.SmallestFile);
            }
        }

        private void ReadSize(string text)
        {
            if (SizeExpressions.ReadNegative(text) is { } negative)
            {
                NotDone.Add(words.NegativeSize(negative));
            }

            var size = SizeExpressions.Read(text);
            var ceiling = size?.Bytes;
            if (ceiling is <= 0)
            {
                Problem = words.ZeroCeiling;
                return;
            }

            if (ceiling is long tiny && tiny < UploadPlatforms.SmallestCeilingBytes)
            {
                Problem = words.TooSmall(tiny, UploadPlatforms.SmallestCeilingBytes);
                return;
            }

            // A platform's limit and a size both asked for, or several platforms: the smallest wins, so the file fits all.
            var platforms = PlatformExpressions.ReadAll(text);
            var platform = platforms.OrderBy(candidate => candidate.CeilingBytes).FirstOrDefault();
            if (platform is not null && (ceiling is null || platform.CeilingBytes < ceiling))
            {
                Apply(Settings with { MaxBytes = platform.CeilingBytes }, (platforms.Count > 1
                    ? words.ForPlatforms(platforms, platform, platform.CeilingBytes)
                    : words.ForPlatform(platform, platform.CeilingBytes))
                    + (ceiling is long asked ? words.SmallerThanAsked(asked) : string.Empty));
            }
            else if (ceiling is long bytes)
            {
                var said = size!.Replaced is long replaced ? words.CorrectedSize(bytes, replaced)
                    : platforms.Count > 0 ? words.SizeWithPlatforms(bytes, platforms)
                    : words.AtMost(bytes);
                Apply(Settings with { MaxBytes = bytes }, size.InBits is { } bits ? $"{words.InBits(bits, bytes)}: {said}" : said);
            }

            var fraction = SizeExpressions.ReadFraction(text);
            if (fraction is <= 0 or >= 1)
            {
                Problem = words.BadFraction;
                return;
            }

            if (fraction is double share)
            {
                // The source's size is known, so the reply says what the share comes to.
                var percent = (share * 100).ToString("0.#", CultureInfo.InvariantCulture);
                Apply(Settings with { SizeFraction = Math.Round(share, 4) }, video.SizeBytes > 0
                    ? words.ShareOfSourceBytes(percent, (long)Math.Floor(video.SizeBytes * share), video.SizeBytes)
                    : words.ShareOfSource(percent));
            }
        }

        private void ReadPicture(string text)
        {
            var box = FormatExpressions.ReadResolution(text);
            var described = box is null ? null : box.Width is int width ? words.FitInside(width, box.Height) : $"{box.Height}p";
            if (box is not null && WouldUpscale(box))
            {
                NotDone.Add(words.NotUpscaled(described!, video.Width!.Value, video.Height!.Value));
            }
            else if (box is not null)
            {
                Apply(Settings with { Width = box.Width, Height = box.Height }, described!);
            }

            var frameRate = FormatExpressions.ReadFrameRate(text);
            if (frameRate is <= 0 or > 240)
            {
                Problem = words.BadFrameRate;
            }
            else if (frameRate is double fps && video.FrameRate is double source && fps > source + 0.01)
            {
                // The engine keeps the source timing rather than repeat frames; the reply must not promise otherwise.
                NotDone.Add(words.FrameRateNotRaised(Fps(fps), Fps(source)));
            }
            else if (frameRate is double wanted)
            {
                Apply(Settings with { FrameRate = wanted }, words.FramesPerSecond(Fps(wanted)));
            }
        }

        private static string Fps(double fps) => Math.Round(fps, 3).ToString(CultureInfo.InvariantCulture);

        /// <summary>True when the box asks for more pixels than the video has: the engine never upscales.</summary>
        private bool WouldUpscale(PictureBox box)
        {
            if (video is not { Width: int width, Height: int height })
            {
                return false;
            }

            return box.Width is int boxWidth
                ? boxWidth >= width && box.Height >= height && (boxWidth > width || box.Height > height)
                : box.Height > Math.Min(width, height);
        }

        private void ReadAudio(string text)
        {
            var removeAudio = FormatExpressions.ReadRemoveAudio(text);
            if (removeAudio is bool remove)
            {
                Apply(Settings with { RemoveAudio = remove }, remove ? words.NoAudio : words.KeepAudio);
            }
        }

        private void ReadTrim(TrimRange? trim)
        {
            if (trim is null)
            {
                return;
            }

            var duration = video.DurationMs ?? long.MaxValue;
            var end = Math.Min(trim.EndMs ?? duration, duration);
            if (trim.StartMs >= end)
            {
                Problem = words.TrimKeepsNothing(Clock(video.DurationMs ?? 0));
                return;
            }

            // "make it half a minute long" on an 8 s clip keeps all of it: say so rather than claim a trim. After an earlier
            // trim the same words widen the clip back to the whole (a reviewer could not undo "keep the first 3 seconds").
            if (trim.StartMs == 0 && video.DurationMs is long length && (trim.EndMs ?? length) >= length)
            {
                if (Settings.TrimStartMs is not null || Settings.TrimEndMs is not null)
                {
                    Apply(Settings with { TrimStartMs = null, TrimEndMs = null }, words.KeepWhole(Clock(0), Clock(length)));
                    return;
                }

                var asked = string.Join(" … ", trim.Matches.Select(match => match.Value.Trim()));
                NotDone.Add(trim.WholeClip ? words.AlreadyWhole(asked, Clock(length))
                    : words.TrimChangesNothing(asked.Length > 0 ? asked : Clock(trim.EndMs ?? length), Clock(length)));
                return;
            }

            // Times count from the first frame; a window that opens after the picture ends would hold sound only.
            if (video.VideoEndMs is long pictureEnd && trim.StartMs >= pictureEnd)
            {
                Problem = words.TrimHasNoPicture(Clock(trim.StartMs), Clock(end), Clock(pictureEnd), Clock(video.DurationMs ?? end));
                return;
            }

            Apply(Settings with { TrimStartMs = trim.StartMs, TrimEndMs = end == duration ? null : end },
                words.KeepPart(Clock(trim.StartMs), Clock(end)));
        }

        private void ReadFormat(string text)
        {
            var container = FormatExpressions.ReadContainer(text);
            var codec = FormatExpressions.ReadCodec(text);
            if (container == "webm" && codec is "h264" or "h265")
            {
                Problem = words.WebmCodec;
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

        /// <summary>"1:05", "1:02:03", and fractions when there are any ("0:00.5"), so a reply never rounds a trim away.</summary>
        internal static string Clock(long milliseconds)
        {
            var time = TimeSpan.FromMilliseconds(milliseconds);
            var whole = time.ToString(milliseconds >= 3_600_000 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture);
            return time.Milliseconds == 0 ? whole : whole + (time.Milliseconds / 1000.0).ToString(".###", CultureInfo.InvariantCulture);
        }
    }
}

using System.Globalization;

namespace NemoVideo.LocalServer.Agent;

/// <summary>The agent's words in one language. Replies follow the instruction: any Chinese in it → Chinese.</summary>
internal sealed class Wording
{
    public static readonly Wording English = new()
    {
        Capabilities =
            "I can compress to a size (\"under 50MB\", \"half the size\", \"30% smaller\"), change the resolution " +
            "(4K, 1080p, 720p, 480p, vertical 1080x1920), the frame rate (\"30 fps\"), remove or keep the audio, trim " +
            "(\"first 10 seconds\", \"from 0:30 to 1:45\"), pick MP4, WebM or MOV and H.264 or H.265, aim for the best " +
            "quality or the smallest file, and fit a platform's upload limit (\"for Discord\", email, WhatsApp, Telegram, Slack).",
        CannotDo = what => $"Sorry, I can't do \"{what}\" here: this is a compressor, so nothing was changed.",
        UploadFirst = "Please upload a video first; then tell me how to compress it.",
        TrimAdvice = "I can only cut from the start or the end: say the part to keep (\"keep 0:02 to 0:04\") or what goes (\"remove the first 2 seconds\").",
        NothingFound = "Sorry, I didn't find a compression request in that, so nothing was changed.",
        NothingChanged = "Nothing was changed.",
        ZeroCeiling = "A size ceiling has to be more than zero bytes.",
        TooSmall = (bytes, smallest) =>
            $"{Number(bytes)} bytes is too small to hold any video; ask for at least {Number(smallest)} bytes.",
        CannotMeet = (reason, _) => $"I can't do that with this video: {reason} Nothing was changed or charged.",
        BadFraction = "A relative size has to make the file smaller than it is (between 0% and 100% of it).",
        BadFrameRate = "A frame rate has to be between 1 and 240 fps.",
        WebmCodec = "WebM carries VP9 video here, not H.264 or H.265; ask for MP4 or MOV with that codec.",
        TrimKeepsNothing = length => $"That trim keeps nothing: the video is {length} long.",
        AtMost = bytes => $"at most {Number(bytes)} bytes",
        ShareOfSource = percent => $"{percent}% of the source size",
        FitInside = (width, height) => $"fit inside {width}x{height}",
        FramesPerSecond = fps => $"{fps} fps",
        NoAudio = "no audio",
        KeepAudio = "keep the audio",
        KeepPart = (from, to) => $"keep {from}–{to}",
        KeepWhole = (from, to) => $"keep the whole video ({from}–{to}), undoing the earlier trim",
        BestQuality = "the best quality",
        SmallestFile = "the smallest file",
        Defaults = "compress with the default settings",
        ForPlatform = (platform, bytes) =>
            $"under {Megabytes(bytes)} for {platform.DisplayName}: at most {Number(bytes)} bytes ({platform.PublishedLimit}, {ReadWhen(platform)})",
        ForPlatforms = (platforms, chosen, bytes) =>
            $"under {Megabytes(bytes)} for {chosen.DisplayName}: at most {Number(bytes)} bytes, the smaller limit of "
            + string.Join(" and ", platforms.Select(platform => $"{platform.DisplayName} ({platform.PublishedLimit})"))
            + ", so it fits all of them",
        UnknownPlatform = name =>
            $"{name}: its upload limit is not in my table of published limits, so no size was set for it (I know "
            + string.Join(", ", UploadPlatforms.All.Select(platform => platform.Name)) + "); say a size (\"under 25MB\"), or use Compress-NemoVideo -MaxSize",
        NotUnderstood = part => $"\"{part}\" (I could not read it; ask for a size, resolution, frame rate, trim, audio or format)",
        TrimWithoutTime = words => $"\"{words}\" without a time (say the part to keep, \"keep the first 10 seconds\", or what goes, \"remove the first 2 seconds\")",
        TrimHasNoPicture = (from, to, pictureEnd, length) =>
            $"The part {from}–{to} has no picture: the video is {length} long but its picture ends at {pictureEnd} (the rest is sound only). Choose a part that starts before {pictureEnd}.",
        FrameRateNotRaised = (asked, source) =>
            $"{asked} fps: the video is {source} fps, and the frame rate is never raised (that would only repeat frames), so it stays {source} fps",
        NotUpscaled = (asked, width, height) =>
            $"{asked}: the video is {width}x{height}, and it is never upscaled (that adds no detail), so it keeps its size",
        FormatNotSupported = format =>
            $"I can't make {format.ToUpperInvariant()} files: this compressor writes MP4, WebM or MOV video only.",
        NotDone = items => $" Not done: {string.Join("; ", items)}.",
        CannotDoPart = what => $"\"{what}\" (this is a compressor: it can't do that)",
        RemovalNotDone = what => $"\"{what}\" (I can only cut from the start or the end: say the part to keep, \"keep 0:02 to 0:04\", or what goes, \"remove the first 2 seconds\")",
        FormatNotDone = format => $"{format.ToUpperInvariant()} (this compressor writes MP4, WebM or MOV video only)",
        CorrectedSize = (bytes, replaced) => $"at most {Number(bytes)} bytes ({Megabytes(bytes)}, the later size, replacing {Megabytes(replaced)})",
        NegativeSize = what => $"\"{what}\" (a size can't be negative; say a ceiling such as \"under 5MB\")",
        TrimChangesNothing = (asked, length) => $"\"{asked}\": the video is only {length} long, so that keeps all of it and nothing was trimmed",
        AlreadyWhole = (asked, length) => $"\"{asked}\": the video is not trimmed, so all {length} of it is kept already",
        SizeWithPlatforms = (bytes, platforms) => $"at most {Number(bytes)} bytes ({Megabytes(bytes)}, smaller than "
            + string.Join(" and ", platforms.Select(platform => $"{platform.DisplayName}'s {Megabytes(platform.CeilingBytes)}")) + ", so it fits)",
        InBits = (said, bytes) => $"{said} ({Megabytes(bytes)})",
        SmallerThanAsked = asked => $"; that is smaller than the {Megabytes(asked)} asked, so it wins",
        ShareOfSourceBytes = (percent, bytes, source) => $"{percent}% of the source size (at most {Number(bytes)} of its {Number(source)} bytes)",
        TimeWithoutTrim = time => $"\"{time}\" (a time alone does not say what to do: say \"keep the first {time}\" or \"remove the first {time}\")",
        Applied = (video, changes) =>
            $"Done: {video.Name} ({video.Width}x{video.Height}, {Seconds(video.DurationMs)} s, {Number(video.SizeBytes)} bytes) " +
            $"is set to {string.Join(", ", changes)}. Export the video to get the file.",
    };

    public static readonly Wording Chinese = new()
    {
        Capabilities =
            "我可以：压缩到指定大小（“50MB以内”“一半大小”“缩小30%”）、改分辨率（4K、1080p、720p、480p、竖屏 1080x1920）、" +
            "改帧率（“30帧”）、去掉或保留声音、剪辑（“前10秒”“从0:30到1:45”）、选 MP4/WebM/MOV 和 H.264/H.265、" +
            "追求最佳画质或最小文件，或符合平台的上传上限（“发 Discord”、邮件、WhatsApp、电报、Slack）。",
        CannotDo = what => $"抱歉，这里做不了“{what}”：这是压缩工具，没有做任何改动。",
        UploadFirst = "请先上传视频，再告诉我怎么压缩。",
        TrimAdvice = "只能从开头或结尾剪：请说要保留的部分（“保留0:02到0:04”）或要去掉的部分（“去掉前2秒”）。",
        NothingFound = "抱歉，没有看出压缩要求，没有做任何改动。",
        NothingChanged = "没有做任何改动。",
        ZeroCeiling = "大小上限必须大于 0 字节。",
        TooSmall = (bytes, smallest) => $"{Number(bytes)} 字节太小，装不下任何视频；请至少要 {Number(smallest)} 字节。",
        CannotMeet = (reason, numbers) => numbers is null
            ? $"这个视频做不到：{reason} 没有做任何修改，也没有扣费。"
            : $"这个视频做不到：{Number(numbers.CeilingBytes)} 字节太小，装下{(numbers.KeepsSound ? "声音和" : string.Empty)}容器之后，画面连最低的 16 kbit/s 都不够。"
                + $"请至少要 {Number(numbers.LeastCeilingBytes)} 字节，或者剪短视频{(numbers.KeepsSound ? "，或者去掉声音" : string.Empty)}。没有做任何修改，也没有扣费。",
        BadFraction = "相对大小必须比原文件小（原大小的 0% 到 100% 之间）。",
        BadFrameRate = "帧率必须在 1 到 240 之间。",
        WebmCodec = "这里的 WebM 只用 VP9 编码，不能用 H.264 或 H.265；要这个编码请选 MP4 或 MOV。",
        TrimKeepsNothing = length => $"这样剪辑什么都不剩：视频只有 {length}。",
        AtMost = bytes => $"不超过 {Number(bytes)} 字节",
        ShareOfSource = percent => $"原大小的 {percent}%",
        FitInside = (width, height) => $"不超过 {width}x{height}",
        FramesPerSecond = fps => $"{fps} 帧/秒",
        NoAudio = "去掉声音",
        KeepAudio = "保留声音",
        KeepPart = (from, to) => $"保留 {from}–{to}",
        KeepWhole = (from, to) => $"保留整个视频（{from}–{to}），撤销之前的剪辑",
        BestQuality = "最佳画质",
        SmallestFile = "最小文件",
        Defaults = "按默认设置压缩",
        ForPlatform = (platform, bytes) =>
            $"不超过 {Megabytes(bytes)}，适合 {ChinesePlatformNotes.Name(platform)}（{Number(bytes)} 字节；{ChinesePlatformNotes.Limit(platform)}，{ReadWhenChinese(platform)}）",
        ForPlatforms = (platforms, chosen, bytes) =>
            $"不超过 {Megabytes(bytes)}，适合 {ChinesePlatformNotes.Name(chosen)}（{Number(bytes)} 字节），取 "
            + string.Join("和", platforms.Select(platform => $"{ChinesePlatformNotes.Name(platform)}（{ChinesePlatformNotes.Limit(platform)}）")) + " 中较小的上限，都能发",
        UnknownPlatform = name =>
            $"{name}：我的公布上限表里没有它的上传上限，所以没有按它设大小（已知："
            + string.Join("、", UploadPlatforms.All.Select(platform => platform.Name)) + "）；请说大小（“25MB以内”），或用 Compress-NemoVideo -MaxSize",
        NotUnderstood = part => $"“{part}”（看不懂；可以要求大小、分辨率、帧率、剪辑、声音或格式）",
        TrimWithoutTime = words => $"“{words}”没有说时间（请说要保留的部分，“保留前10秒”，或要去掉的部分，“去掉前2秒”）",
        TrimHasNoPicture = (from, to, pictureEnd, length) =>
            $"{from}–{to} 这段没有画面：视频长 {length}，但画面在 {pictureEnd} 就结束了（后面只有声音）。请选 {pictureEnd} 之前开始的部分。",
        FrameRateNotRaised = (asked, source) =>
            $"{asked} 帧/秒：视频本身是 {source} 帧/秒，帧率不会调高（那只会重复画面），保持 {source} 帧/秒",
        NotUpscaled = (asked, width, height) =>
            $"{asked}：视频本身是 {width}x{height}，不会放大（放大不会增加细节），保持原尺寸",
        FormatNotSupported = format =>
            $"做不了 {format.ToUpperInvariant()} 文件：这个压缩工具只输出 MP4、WebM 或 MOV 视频。",
        NotDone = items => $"没有做：{string.Join("；", items)}。",
        CannotDoPart = what => $"“{what}”（这是压缩工具，做不了）",
        RemovalNotDone = what => $"“{what}”（只能从开头或结尾剪：请说要保留的部分，“保留0:02到0:04”，或要去掉的部分，“去掉前2秒”）",
        FormatNotDone = format => $"{format.ToUpperInvariant()}（这个压缩工具只输出 MP4、WebM 或 MOV 视频）",
        CorrectedSize = (bytes, replaced) => $"不超过 {Number(bytes)} 字节（{Megabytes(bytes)}，以后说的为准，替换 {Megabytes(replaced)}）",
        NegativeSize = what => $"“{what}”（大小不能是负数；请说上限，如“5MB以内”）",
        TrimChangesNothing = (asked, length) => $"“{asked}”：视频只有 {length}，这样会保留全部，没有剪辑",
        AlreadyWhole = (asked, length) => $"“{asked}”：视频没有剪辑，已经保留全部 {length}",
        SizeWithPlatforms = (bytes, platforms) => $"不超过 {Number(bytes)} 字节（{Megabytes(bytes)}，小于 "
            + string.Join("和", platforms.Select(platform => $"{ChinesePlatformNotes.Name(platform)} 的 {Megabytes(platform.CeilingBytes)}")) + "，都能发）",
        InBits = (said, bytes) => $"{said}（{Megabytes(bytes)}）",
        SmallerThanAsked = asked => $"；比要求的 {Megabytes(asked)} 小，以它为准",
        ShareOfSourceBytes = (percent, bytes, source) => $"原大小的 {percent}%（不超过 {Number(bytes)} 字节，原文件 {Number(source)} 字节）",
        TimeWithoutTrim = time => $"“{time}”（只有时间，没有说怎么做：请说“保留前{time}”或“去掉前{time}”）",
        Applied = (video, changes) =>
            $"好了：{video.Name}（{video.Width}x{video.Height}，{Seconds(video.DurationMs)} 秒，{Number(video.SizeBytes)} 字节）" +
            $"已设置为：{string.Join("，", changes)}。导出即可得到文件。",
    };

    public required string Capabilities { get; init; }
    public required Func<string, string> CannotDo { get; init; }
    public required string UploadFirst { get; init; }

    public required string TrimAdvice { get; init; }
    public required string NothingFound { get; init; }
    public required string NothingChanged { get; init; }
    public required string ZeroCeiling { get; init; }
    public required Func<long, long, string> TooSmall { get; init; }

    /// <summary>A request the engine cannot meet for this video: its reason (English, with the smallest ceiling that works)
    /// and, for a ceiling, the numbers, so other languages can say it in their own words.</summary>
    public required Func<string, NemoVideo.Compression.Infeasibility?, string> CannotMeet { get; init; }
    public required string BadFraction { get; init; }
    public required string BadFrameRate { get; init; }
    public required string WebmCodec { get; init; }
    public required Func<string, string> TrimKeepsNothing { get; init; }
    public required Func<long, string> AtMost { get; init; }
    public required Func<string, string> ShareOfSource { get; init; }
    public required Func<int, int, string> FitInside { get; init; }
    public required Func<string, string> FramesPerSecond { get; init; }
    public required string NoAudio { get; init; }
    public required string KeepAudio { get; init; }
    public required Func<string, string, string> KeepPart { get; init; }

    /// <summary>A trim back to the whole clip, which undoes the trim the session had.</summary>
    public required Func<string, string, string> KeepWhole { get; init; }

    /// <summary>"Undo the trim" or "keep the whole video" where nothing was trimmed: the words asked, the clip's length.</summary>
    public required Func<string, string, string> AlreadyWhole { get; init; }
    public required string BestQuality { get; init; }
    public required string SmallestFile { get; init; }
    public required string Defaults { get; init; }
    public required Func<UploadPlatform, long, string> ForPlatform { get; init; }
    public required Func<IReadOnlyList<UploadPlatform>, UploadPlatform, long, string> ForPlatforms { get; init; }
    public required Func<string, string> UnknownPlatform { get; init; }
    public required Func<string, string> NotUnderstood { get; init; }
    public required Func<string, string> TrimWithoutTime { get; init; }
    public required Func<string, string, string, string, string> TrimHasNoPicture { get; init; }
    public required Func<string, string, string> FrameRateNotRaised { get; init; }
    public required Func<string, int, int, string> NotUpscaled { get; init; }
    public required Func<string, string> FormatNotSupported { get; init; }
    public required Func<IEnumerable<string>, string> NotDone { get; init; }
    public required Func<string, string> CannotDoPart { get; init; }
    public required Func<string, string> RemovalNotDone { get; init; }
    public required Func<string, string> FormatNotDone { get; init; }
    public required Func<long, long, string> CorrectedSize { get; init; }
    public required Func<string, string> NegativeSize { get; init; }
    public required Func<string, string, string> TrimChangesNothing { get; init; }
    public required Func<long, IReadOnlyList<UploadPlatform>, string> SizeWithPlatforms { get; init; }
    public required Func<string, long, string> InBits { get; init; }
    public required Func<long, string> SmallerThanAsked { get; init; }
    public required Func<string, long, long, string> ShareOfSourceBytes { get; init; }
    public required Func<string, string> TimeWithoutTrim { get; init; }
    public required Func<Sessions.MediaItem, IEnumerable<string>, string> Applied { get; init; }

    public static Wording For(string instruction) =>
        instruction.Any(character => character is >= '\u4e00' and <= '\u9fff') ? Chinese : English;

    /// <summary>
    /// When the limit was read: a full date is the day it was checked against the platform's page ("read 2027-01-15");
    /// a year alone is what the page said then, not checked since ("as of 2025, not re-checked"). Never "published".
    /// </summary>
    internal static string ReadWhen(UploadPlatform platform) =>
        platform.ReadOn.Length == 4 ? $"as of {platform.ReadOn}, not re-checked" : $"read {platform.ReadOn}";

    internal static string ReadWhenChinese(UploadPlatform platform) =>
        platform.ReadOn.Length == 4 ? $"截至 {platform.ReadOn} 年，未复核" : $"{platform.ReadOn} 查阅";

    /// <summary>"10 MB", "14 MB", "0.5 MB", "2 GB" (MB = 10^6 bytes, GB = 10^9, as the table counts).</summary>
    private static string Megabytes(long bytes) => bytes >= 1_000_000_000
        ? (bytes / 1e9).ToString("0.###", CultureInfo.InvariantCulture) + " GB" // "2 GB", as the platforms say, not "2000 MB"
        : (bytes / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + " MB";

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Seconds(long? milliseconds) =>
        ((milliseconds ?? 0) / 1000.0).ToString("0.#", CultureInfo.InvariantCulture);
}

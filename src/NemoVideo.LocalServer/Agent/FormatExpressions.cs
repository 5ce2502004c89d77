using System.Globalization;
using System.Text.RegularExpressions;

namespace NemoVideo.LocalServer.Agent;

/// <summary>A picture box; a height alone caps the short side ("720p").</summary>
internal sealed record PictureBox(int? Width, int Height);

/// <summary>Reads resolution, frame rate, audio, container, codec and quality words, in English and Chinese.</summary>
internal static partial class FormatExpressions
{
    public static PictureBox? ReadResolution(string text)
    {
        var explicitBox = BoxPattern().Match(text);
        if (explicitBox.Success)
        {
            return new PictureBox(int.Parse(explicitBox.Groups["w"].Value, CultureInfo.InvariantCulture),
                int.Parse(explicitBox.Groups["h"].Value, CultureInfo.InvariantCulture));
        }

        var lines = ReadLines(text);
        var portrait = PortraitPattern().IsMatch(text);
        if (portrait)
        {
            // A portrait box: the short side is the width.
            var shortSide = lines ?? 1080;
            return new PictureBox(shortSide, shortSide * 16 / 9);
        }

        return lines is int height ? new PictureBox(null, height) : null;
    }

    public static double? ReadFrameRate(string text)
    {
        var match = FrameRatePattern().Match(text);
        return match.Success ? double.Parse(match.Groups["f"].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>true = remove the audio, false = keep it, null = not mentioned.</summary>
    public static bool? ReadRemoveAudio(string text) =>
        KeepAudioPattern().IsMatch(text) ? false : RemoveAudioPattern().IsMatch(text) ? true : null;

    /// <summary>The container asked for: a format named after a target word ("to mp4", "export … webm", "转成mov").</summary>
    public static string? ReadContainer(string text) =>
        ContainerPattern().Matches(text)
            .Where(match => ContainerTargetBefore().IsMatch(text[..match.Index]))
            .Select(match => match.Groups["c"].Value)
            .LastOrDefault();

    /// <summary>
    /// A format asked for that this compressor cannot write ("convert to gif", "save as avi", "转成动图"), named for the
    /// reply; null when the last format named after a target word is MP4, WebM or MOV ("convert this avi to mp4").
    /// </summary>
    public static string? ReadUnsupportedFormat(string text) => ReadUnsupportedFormatAt(text)?.Format;

    /// <summary><see cref="ReadUnsupportedFormat"/> with where the format is named.</summary>
    public static (string Format, int Index)? ReadUnsupportedFormatAt(string text)
    {
        var animated = AnimatedPattern().Match(text);
        var last = AnyFormatPattern().Matches(text)
            .Where(match => ContainerTargetBefore().IsMatch(text[..match.Index]))
            .Select(match => (match.Index, Format: match.Groups["f"].Value))
            .Concat(animated.Success ? [(animated.Index, Format: "gif")] : [])
            .OrderBy(found => found.Index)
            .LastOrDefault();
        return last.Format is null or "mp4" or "webm" or "mov" ? null : (last.Format, last.Index);
    }

    public static string? ReadCodec(string text)
    {
        var match = CodecPattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        return match.Groups["avc"].Success ? "h264" : match.Groups["hevc"].Success ? "h265" : "vp9";
    }

    public static string? ReadQuality(string text) =>
        HighQualityPattern().IsMatch(text) ? "high" : SmallestPattern().IsMatch(text) ? "smallest" : null;

    /// <summary>A plain request to compress, with nothing more specific.</summary>
    public static bool AsksToCompress(string text) => CompressPattern().IsMatch(text);

    /// <summary>Everything asked that this compressor cannot do, each once with where it is named.</summary>
    public static IReadOnlyList<(string What, int Index)> FindAllUnsupported(string text) =>
        UnsupportedPattern().Matches(text).Select(match => (match.Value, match.Index)).ToList();

    /// <summary>Something this compressor cannot do (music, subtitles, effects…), named for the reply.</summary>
    public static string? FindUnsupported(string text)
    {
        var match = UnsupportedPattern().Match(text);
        return match.Success ? match.Value : null;
    }

    private static int? ReadLines(string text)
    {
        var match = LinesPattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        return match.Groups["l"].Value switch
        {
            "4k" or "uhd" or "2160" or "超高清" => 2160,
            "2k" or "1440" => 1440,
            "fullhd" or "full hd" or "fhd" or "1080" or "全高清" => 1080,
            "hd" or "720" or "高清" => 720,
            "sd" or "480" or "标清" => 480,
            var digits => int.Parse(digits, CultureInfo.InvariantCulture),
        };
    }

    [GeneratedRegex(@"(?<![a-z0-9_.])(?<w>\d{3,4})\s*[x×*]\s*(?<h>\d{3,4})(?![\w.])")]
    private static partial Regex BoxPattern();

    [GeneratedRegex(@"(?<![a-z0-9_.])(?<l>\d{3,4})p(?![a-z0-9])|\b(?<l>4k|2k|uhd|full ?hd|fhd|hd|sd)\b|(?<l>超高清|全高清|高清|标清)|(?<l>\d{3,4})\s*(?:分辨率|线)")]
    private static partial Regex LinesPattern();

    [GeneratedRegex(@"\b(vertical|portrait)\b|竖屏|竖版|竖向")]
    private static partial Regex PortraitPattern();

    [GeneratedRegex(@"(?<![a-z0-9_.])(?<f>\d{1,3}(?:\.\d+)?)\s*(?:fps|frames? (?:per|a) second|帧每秒|帧/秒|帧)|(?:frame ?rate|帧率)\s*(?:of|to|at|=|为|改为|设为|设置为)?\s*(?<f>\d{1,3}(?:\.\d+)?)")]
    private static partial Regex FrameRatePattern();

    [GeneratedRegex(@"\b(remove|drop|strip|delete|cut|kill|lose|no|without|mute|silence)\b(?:\s+\w+){0,2}?\s+(audio|sound|soundtrack)\b|\b(mute|muted|silent)\b|(去掉|去除|删除|删掉|移除|不要)\s*(声音|音频|音轨)|静音|无声")]
    private static partial Regex RemoveAudioPattern();

    [GeneratedRegex(@"\b(keep|with|retain|preserve)\b(?:\s+\w+){0,2}?\s+(audio|sound|soundtrack)\b|(保留|保持)\s*(声音|音频|音轨)")]
    private static partial Regex KeepAudioPattern();

    [GeneratedRegex(@"(?<c>mp4|webm|mov)(?![a-z0-9])")]
    private static partial Regex ContainerPattern();

    [GeneratedRegex(@"(\b(to|as|into|in|export|exported|save|saved|output|convert|converted|format|make it)\b|转成|转为|转换|导出|输出|保存|格式|成)[^.;!?。！？]*$")]
    private static partial Regex ContainerTargetBefore();

    [GeneratedRegex(@"(?<![a-z0-9])(?<f>mp4|webm|mov|gif|apng|webp|avi|mkv|wmv|flv|mpe?g(?![-\s]?[24])|3gp|m4v|mp3|wav|m4a|flac|ogg)(?![a-z0-9])")]
    private static partial Regex AnyFormatPattern();

    [GeneratedRegex(@"\banimated (?:gif|image|picture)\b|\ba gif\b|动图|动画图片")]
    private static partial Regex AnimatedPattern();

    [GeneratedRegex(@"(?<avc>h\.?264|\bavc\b|x264)|(?<hevc>h\.?265|hevc|x265)|(?<vp9>\bvp9\b)")]
    private static partial Regex CodecPattern();

    [GeneratedRegex(@"without losing (?:any |much )?quality|no (?:visible )?quality loss|(?:keep|preserve|maintain)(?:ing)? (?:the )?quality|(?:best|high|highest|good) quality|(?:visually )?lossless|不损失(?:画质|质量)|画质不变|保持(?:画质|质量|清晰)|高画质|高质量|无损")]
    private static partial Regex HighQualityPattern();

    [GeneratedRegex(@"smallest|as small as (?:possible|it gets|you can)|max(?:imum)? compression|最小|尽可能小|越小越好|极限压缩")]
    private static partial Regex SmallestPattern();

    [GeneratedRegex(@"\b(compress|compression|shrink|reduce|smaller|optimi[sz]e|export|convert)\b|压缩|缩小|变小|减小|导出|转换")]
    private static partial Regex CompressPattern();

    [GeneratedRegex(@"\b(music|bgm|songs?|subtitles?|captions?|titles?|text|filters?|transitions?|effects?|speed ?up|speed (?:it|this|the video|the clip) up|(?:play|run) (?:it )?faster|faster playback|slow (?:it )?down|slow ?motion|stabili[sz]e|colou?r|crop|rotate|flip|mirror|watermark|logo|voice ?over|narration|translate|generate|sticker|reverse|loop)\b|字幕|音乐|配乐|特效|滤镜|转场|加速|倍速|快进|慢动作|水印|旋转|裁剪|调色|生成|标题|配音|翻转|倒放")]
    private static partial Regex UnsupportedPattern();
}

// ONE table of the upload limits of the places people send videos to. This file is compiled into two assemblies:
// NemoVideo.Client (public, namespace NemoVideo.Client; the module's -Platform uses it) and NemoVideo.LocalServer
// (internal, namespace NemoVideo.LocalServer.Agent, NEMO_LOCAL_SERVER defined; the instruction interpreter uses it).
// A linked source file keeps the arrows one way: the server does not reference the client, nor the client the server.
// docs/platform-limits.md shows the same table for people; a test keeps the two in step. The smallest ceiling any
// request may ask for lives here too, for the same two readers.
using System;
using System.Collections.Generic;
using System.Linq;

#if NEMO_LOCAL_SERVER
namespace NemoVideo.LocalServer.Agent
#else
namespace NemoVideo.Client
#endif
{
    /// <summary>One place to send a video, with its published upload limit and the ceiling we compress to for it.</summary>
    /// <param name="Name">The -Platform value (PascalCase, no spaces).</param>
    /// <param name="DisplayName">How replies and messages name it.</param>
    /// <param name="PublishedLimit">The limit as the platform states it, in its own words and units.</param>
    /// <param name="CeilingBytes">
    /// The size ceiling in bytes that fits that limit: MB read as 10^6 (it then fits whether the platform means 10^6 or
    /// 2^20), and, for e-mail, the base64 growth of attachments (4/3 plus line breaks) taken off.
    /// </param>
    /// <param name="ReadOn">
    /// When the published limit was read: a full date (yyyy-MM-dd) is the day it was checked against the platform's help
    /// page; a year alone means "from the help page as of that year, not re-checked" (platforms change them; check before relying).
    /// </param>
    /// <param name="Source">Where it is published.</param>
    /// <param name="Words">Lower-case words that name it in an instruction, English and Chinese; longer ones are tried first.</param>
#if NEMO_LOCAL_SERVER
    internal
#else
    public
#endif
    sealed class UploadPlatform
    {
        public UploadPlatform(string name, string displayName, string publishedLimit, long ceilingBytes, string readOn, string source, params string[] words)
        {
            Name = name;
            DisplayName = displayName;
            PublishedLimit = publishedLimit;
            CeilingBytes = ceilingBytes;
            ReadOn = readOn;
            Source = source;
            Words = words;
        }

        public string Name { get; }

        public string DisplayName { get; }

        public string PublishedLimit { get; }

        public long CeilingBytes { get; }

        public string ReadOn { get; }

        public string Source { get; }

        public IReadOnlyList<string> Words { get; }

        public override string ToString() => $"{DisplayName}: {PublishedLimit} (read {ReadOn}, {Source})";
    }

#if NEMO_LOCAL_SERVER
    internal
#else
    public
#endif
    static class UploadPlatforms
    {
        /// <summary>
        /// The smallest ceiling anyone may ask for, 10,000 bytes (10 kB): an MP4's headers and sample tables alone take
        /// kilobytes, so no video fits below it. Compress-NemoVideo refuses a smaller -MaxSize before anything is uploaded;
        /// the local server's instruction reader refuses one in words. Here so both read one number.
        /// </summary>
        public const long SmallestCeilingBytes = 10_000;

        /// <summary>Every platform, in the order the docs list them.</summary>
        public static readonly IReadOnlyList<UploadPlatform> All = new[]
        {
            new UploadPlatform("Discord", "Discord (free account)", "10 MB per file", 10_000_000, "2025",
                "Discord Help Center, \"File Upload Size Limit\"", "discord"),
            new UploadPlatform("DiscordNitroBasic", "Discord Nitro Basic", "50 MB per file", 50_000_000, "2025",
                "Discord Help Center, \"File Upload Size Limit\"", "discord nitro basic", "nitro basic"),
            new UploadPlatform("DiscordNitro", "Discord Nitro", "500 MB per file", 500_000_000, "2025",
                "Discord Help Center, \"File Upload Size Limit\"", "discord nitro", "nitro"),
            new UploadPlatform("Email", "an e-mail attachment", "20 MB per message (Outlook.com; Gmail allows 25 MB)", 14_000_000, "2025",
                "Microsoft Support, \"File size limits in Outlook\"; Gmail Help, \"Attach files to messages\"",
                "e-mail", "email", "mail attachment", "电子邮件", "邮件", "邮箱"),
            new UploadPlatform("Gmail", "Gmail", "25 MB per message", 18_000_000, "2025",
                "Gmail Help, \"Attach files to messages\"", "gmail"),
            new UploadPlatform("Outlook", "Outlook", "20 MB per message", 14_000_000, "2025",
                "Microsoft Support, \"File size limits in Outlook\"", "outlook", "hotmail"),
            new UploadPlatform("WhatsApp", "WhatsApp (video sent as media)", "16 MB per photo, video or voice message", 16_000_000, "2025",
                "WhatsApp Help Center, \"About sending media\" (some 2025 guides say 100 MB; 16 MB fits both)", "whatsapp", "whats app"),
            new UploadPlatform("WhatsAppDocument", "WhatsApp (file sent as a document)", "2 GB per document", 2_000_000_000, "2025",
                "WhatsApp Help Center, \"About sending media\"", "whatsapp document", "whatsapp as a document", "whatsapp doc"),
            new UploadPlatform("Telegram", "Telegram", "2 GB per file", 2_000_000_000, "2025",
                "Telegram FAQ, \"What can I send on Telegram?\"", "telegram", "电报"),
            new UploadPlatform("TelegramPremium", "Telegram Premium", "4 GB per file", 4_000_000_000, "2025",
                "Telegram Premium page", "telegram premium"),
            new UploadPlatform("Slack", "Slack", "1 GB per file", 1_000_000_000, "2025",
                "Slack Help Center, \"Supported file types and sizes\"", "slack"),
            new UploadPlatform("X", "X (Twitter)", "512 MB per video", 512_000_000, "2026",
                "X Help Center, \"How to share and watch videos on X\"", "twitter", "on x", "推特"),
            new UploadPlatform("Signal", "Signal", "100 MB per attachment", 100_000_000, "2026",
                "Signal Support, \"Send attachments\"", "signal"),
        };

        /// <summary>
        /// Places people send videos whose upload limit this table does not have (no published figure could be cited):
        /// an instruction naming one is told so, with the known platforms and how to give a size instead. Lower-case
        /// words (English and Chinese) → how replies name it.
        /// </summary>
        public static readonly IReadOnlyDictionary<string, string> Unknown = new Dictionary<string, string>
        {
            ["wechat"] = "WeChat", ["weixin"] = "WeChat", ["微信"] = "微信 (WeChat)",
            ["instagram"] = "Instagram", ["insta"] = "Instagram", ["tiktok"] = "TikTok", ["抖音"] = "抖音 (Douyin)",
            ["facebook"] = "Facebook", ["messenger"] = "Messenger", ["imessage"] = "iMessage", ["youtube"] = "YouTube",
            ["reddit"] = "Reddit", ["snapchat"] = "Snapchat", ["linkedin"] = "LinkedIn", ["qq"] = "QQ",
            ["微博"] = "微博 (Weibo)", ["weibo"] = "Weibo", ["bilibili"] = "Bilibili", ["b站"] = "Bilibili", ["小红书"] = "小红书 (Xiaohongshu)",
            ["line"] = "LINE", ["viber"] = "Viber", ["teams"] = "Microsoft Teams",
        };

        /// <summary>The platform with this -Platform name (case-insensitive), or null.</summary>
        public static UploadPlatform? Find(string? name) =>
            All.FirstOrDefault(platform => string.Equals(platform.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
    }
}

namespace NemoVideo.LocalServer.Agent;

/// <summary>
/// Each platform's published limit in Chinese, so a Chinese reply never pastes the English note of
/// <see cref="UploadPlatforms"/>. Keyed by the -Platform name; a test checks every row of the table has one.
/// </summary>
internal static class ChinesePlatformNotes
{
    public static readonly IReadOnlyDictionary<string, string> ByName = new Dictionary<string, string>
    {
        ["Discord"] = "每个文件 10 MB（免费账号）",
        ["DiscordNitroBasic"] = "每个文件 50 MB",
        ["DiscordNitro"] = "每个文件 500 MB",
        ["Email"] = "每封邮件 20 MB（Outlook.com；Gmail 允许 25 MB）",
        ["Gmail"] = "每封邮件 25 MB",
        ["Outlook"] = "每封邮件 20 MB",
        ["WhatsApp"] = "每张照片、每段视频或语音消息 16 MB（作为媒体发送）",
        ["WhatsAppDocument"] = "每个文档 2 GB",
        ["Telegram"] = "每个文件 2 GB",
        ["TelegramPremium"] = "每个文件 4 GB",
        ["Slack"] = "每个文件 1 GB",
        ["X"] = "每段视频 512 MB",
        ["Signal"] = "每个附件 100 MB",
    };

    /// <summary>How a Chinese reply names the platform (brand names stay as they are).</summary>
    public static readonly IReadOnlyDictionary<string, string> NameByName = new Dictionary<string, string>
    {
        ["Discord"] = "Discord（免费账号）",
        ["DiscordNitroBasic"] = "Discord Nitro Basic",
        ["DiscordNitro"] = "Discord Nitro",
        ["Email"] = "电子邮件附件",
        ["Gmail"] = "Gmail",
        ["Outlook"] = "Outlook",
        ["WhatsApp"] = "WhatsApp（作为媒体发送）",
        ["WhatsAppDocument"] = "WhatsApp（作为文档发送）",
        ["Telegram"] = "Telegram（电报）",
        ["TelegramPremium"] = "Telegram 会员",
        ["Slack"] = "Slack",
        ["X"] = "X（推特）",
        ["Signal"] = "Signal",
    };

    public static string Name(UploadPlatform platform) =>
        NameByName.TryGetValue(platform.Name, out var name) ? name : platform.Name;

    /// <summary>The platform's limit in Chinese (the English note only for a row added without one, which a test forbids).</summary>
    public static string Limit(UploadPlatform platform) =>
        ByName.TryGetValue(platform.Name, out var note) ? note : platform.PublishedLimit;
}

using System.Text.RegularExpressions;

namespace NemoVideo.LocalServer.Accounts;

/// <summary>What an <c>X-Client-Id</c> may be: short and plain, so an id can neither bloat memory nor forge a log line.</summary>
public static partial class ClientIds
{
    public const int MaxLength = 128;

    public static bool IsValid(string clientId) => ValidPattern().IsMatch(clientId);

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex ValidPattern();
}

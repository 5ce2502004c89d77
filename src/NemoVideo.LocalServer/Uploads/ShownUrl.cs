using System.Text.RegularExpressions;

namespace NemoVideo.LocalServer.Uploads;

/// <summary>
/// A URL as it may appear in an error text or a log line: without user name and password (<c>user:pass@</c>), query
/// or fragment, any of which may carry a credential (pre-signed links keep theirs in the query).
/// </summary>
internal static partial class ShownUrl
{
    private const int MaxLength = 300;
    private const string Omitted = "?…";

    public static string Of(string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0)
        {
            var shown = uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
            return Shorten(uri.Query.Length > 0 || uri.Fragment.Length > 0 ? shown + Omitted : shown);
        }

        // Not a URL that can be taken apart: cut whatever could be a user name, password or query anyway.
        var text = UserInfo().Replace(url, "$1");
        var end = text.IndexOfAny(['?', '#']);
        return Shorten(end >= 0 ? text[..end] + Omitted : text);
    }

    private static string Shorten(string text) => text.Length <= MaxLength ? text : text[..MaxLength] + "…";

    /// <summary>Everything up to an '@' in the authority (after "scheme://" or at the start), keeping the scheme.</summary>
    [GeneratedRegex(@"^([^/?#@]*://)?[^/?#]*@")]
    private static partial Regex UserInfo();
}

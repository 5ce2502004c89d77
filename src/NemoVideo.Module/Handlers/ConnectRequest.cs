using System;
using System.Text;

namespace NemoVideo.Module.Handlers
{
    /// <summary>Connect-Nemo's parameters. Token is plain text only for the instant it takes to build the client.</summary>
    public sealed record ConnectRequest(Uri? Endpoint, string? Token, bool Local, string? SessionId, string Language)
    {
        // A record prints every property; the token must never reach a log line or a debugger display that way.
        private bool PrintMembers(StringBuilder builder)
        {
            builder.Append($"Endpoint = {Endpoint}, Token = {(Token == null ? "(none)" : "(hidden)")}, Local = {Local}, SessionId = {SessionId}, Language = {Language}");
            return true;
        }
    }
}

using NemoVideo.Client;

namespace NemoVideo.Module.Connections
{
    /// <summary>The client and session one call works on.</summary>
    public sealed record SessionTarget(INemoClient Client, NemoSession Session, NemoConnection Connection);
}

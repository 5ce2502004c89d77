// The smallest size ceiling worth asking for. Compiled into NemoVideo.Client (public, namespace NemoVideo.Client:
// Compress-NemoVideo refuses a smaller -MaxSize before anything is uploaded or paid for) and NemoVideo.LocalServer
// (internal, namespace NemoVideo.LocalServer.Agent: the instruction interpreter refuses it in words). One number for
// both, without an arrow between them.
#if NEMO_LOCAL_SERVER
namespace NemoVideo.LocalServer.Agent
#else
namespace NemoVideo.Client
#endif
{
#if NEMO_LOCAL_SERVER
    internal
#else
    public
#endif
    static class SmallestCeiling
    {
        /// <summary>10,000 bytes (10 kB): an MP4's headers and sample tables alone take kilobytes, so no video fits below it.</summary>
        public const long Bytes = 10_000;
    }
}

using NemoVideo.Client;

namespace NemoVideo.Module.Batch
{
    /// <summary>
    /// Failures after which a file is worth continuing once more in the same run: the service was busy, unreachable or
    /// renewed a token at the wrong moment. Continuing goes through the journal, so it repeats no paid step.
    /// </summary>
    internal static class TransientForFile
    {
        /// <param name="anonymous">A rejected anonymous token may be renewed again; a rejected user token stays rejected.</param>
        public static bool IsTransient(NemoException error, bool anonymous)
        {
            switch (error.ErrorId)
            {
                case NemoErrorIds.ApiRateLimited:
                case NemoErrorIds.ApiUnavailable:
                case NemoErrorIds.ApiServerError:
                case NemoErrorIds.ApiConnectionFailed:
                case NemoErrorIds.DownloadFailed:
                case NemoErrorIds.ExportRenderFailed:
                    return true;
                case NemoErrorIds.AuthTokenInvalid:
                    return anonymous;
                default:
                    return false;
            }
        }
    }
}

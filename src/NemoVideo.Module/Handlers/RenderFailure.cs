using System.Linq;
using NemoVideo.Client;

namespace NemoVideo.Module.Handlers
{
    /// <summary>
    /// A render that failed (or was refused) is about the user's video, not the render id: the error's TargetObject
    /// becomes the source's name from the timeline, while the message still names the render.
    /// </summary>
    internal static class RenderFailure
    {
        private static readonly string[] RenderIds =
        {
            NemoErrorIds.ExportRenderRefused, NemoErrorIds.ExportRenderFailed, NemoErrorIds.CompressionInfeasible, NemoErrorIds.CompressionInvalidRequest,
        };

        /// <returns>The same error about the timeline's first video clip; null when it is no render failure or the timeline names no clip.</returns>
        public static NemoException? AboutSource(NemoException failed, NemoDraft draft)
        {
            if (!RenderIds.Contains(failed.ErrorId))
            {
                return null;
            }

            var source = draft.Tracks
                .Where(track => track.Kind == NemoTrackKind.Video)
                .SelectMany(track => track.Segments)
                .Select(segment => segment.Name)
                .FirstOrDefault(name => !string.IsNullOrEmpty(name));
            return source is null
                ? null
                : new NemoException(failed.ErrorId, failed.Category, failed.Message, failed.RecommendedAction, source, failed.ApiCode, failed.HttpStatus, failed);
        }
    }
}

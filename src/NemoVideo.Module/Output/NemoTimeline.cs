using System.Collections.Generic;
using System.Linq;
using NemoVideo.Client;

namespace NemoVideo.Module
{
    /// <summary>A session's timeline (Get-NemoState): typed tracks and segments, shown by its one-line summary.</summary>
    public sealed class NemoTimeline
    {
        public const string EmptySummary = "Timeline is empty";

        internal NemoTimeline(NemoState state)
        {
            SessionId = state.SessionId;
            Summary = state.Draft?.Summary ?? EmptySummary;
            DurationMs = state.Draft?.DurationMs;
            IsExportable = state.Draft?.IsExportable ?? false;
            Tracks = state.Draft?.Tracks ?? new NemoTrack[0];
        }

        public string SessionId { get; }

        public string Summary { get; }

        public long? DurationMs { get; }

        public bool IsExportable { get; }

        public IReadOnlyList<NemoTrack> Tracks { get; }

        public int SegmentCount => Tracks.Sum(track => track.Segments.Count);

        public override string ToString() => Summary;
    }
}

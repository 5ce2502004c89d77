using System;
using System.Collections.Generic;

namespace NemoVideo.Client
{
    /// <summary>
    /// What changed between two drafts, track by track and segment by segment (by position, since the draft has no
    /// stable ids). Used to report the result of an instruction whose stream said nothing.
    /// </summary>
    internal static class TimelineDiff
    {
        public static IReadOnlyList<TimelineChange> Compare(NemoDraft? before, NemoDraft? after)
        {
            var changes = new List<TimelineChange>();
            var oldTracks = before?.Tracks ?? Array.Empty<NemoTrack>();
            var newTracks = after?.Tracks ?? Array.Empty<NemoTrack>();
            for (var index = 0; index < Math.Max(oldTracks.Count, newTracks.Count); index++)
            {
                if (index >= oldTracks.Count)
                {
                    changes.Add(new TimelineChange(TimelineChangeKind.TrackAdded, index + 1, null, "Added " + TimelineText.Track(newTracks[index])));
                }
                else if (index >= newTracks.Count)
                {
                    changes.Add(new TimelineChange(TimelineChangeKind.TrackRemoved, index + 1, null, "Removed " + TimelineText.Track(oldTracks[index])));
                }
                else
                {
                    CompareTrack(oldTracks[index], newTracks[index], changes);
                }
            }

            if (before?.DurationMs != after?.DurationMs && before?.DurationMs != null && after?.DurationMs != null)
            {
                changes.Add(new TimelineChange(
                    TimelineChangeKind.DurationChanged,
                    0,
                    null,
                    $"Duration changed from {before.DurationMs / 1000.0:0.##}s to {after.DurationMs / 1000.0:0.##}s"));
            }

            return changes;
        }

        private static void CompareTrack(NemoTrack oldTrack, NemoTrack newTrack, List<TimelineChange> changes)
        {
            var label = $"track {newTrack.Index} ({TimelineText.Label(newTrack.Kind)})";
            var found = changes.Count;
            for (var index = 0; index < Math.Max(oldTrack.Segments.Count, newTrack.Segments.Count); index++)
            {
                var position = index + 1;
                if (index >= oldTrack.Segments.Count)
                {
                    changes.Add(new TimelineChange(TimelineChangeKind.SegmentAdded, newTrack.Index, position,
                        $"Added to {label}: {TimelineText.Segment(newTrack.Kind, newTrack.Segments[index])}"));
                }
                else if (index >= newTrack.Segments.Count)
                {
                    changes.Add(new TimelineChange(TimelineChangeKind.SegmentRemoved, newTrack.Index, position,
                        $"Removed from {label}: {TimelineText.Segment(oldTrack.Kind, oldTrack.Segments[index])}"));
                }
                else if (oldTrack.Segments[index].RawJson != newTrack.Segments[index].RawJson)
                {
                    changes.Add(new TimelineChange(TimelineChangeKind.SegmentAltered, newTrack.Index, position,
                        $"Changed on {label}: {TimelineText.Segment(oldTrack.Kind, oldTrack.Segments[index])} -> {TimelineText.Segment(newTrack.Kind, newTrack.Segments[index])}"));
                }
            }

            // A track can change without any segment changing (its type, or a track-level setting).
            if (changes.Count == found && oldTrack.RawJson != newTrack.RawJson)
            {
                changes.Add(new TimelineChange(TimelineChangeKind.TrackAltered, newTrack.Index, null,
                    $"Changed {label}: {TimelineText.Track(newTrack)}"));
            }
        }
    }
}

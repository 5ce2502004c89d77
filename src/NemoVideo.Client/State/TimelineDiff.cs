using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

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

            var metadata = ChangedMetadataKeys(before, after);
            if (metadata.Count > 0)
            {
                changes.Add(new TimelineChange(TimelineChangeKind.MetadataChanged, 0, null, "Settings changed: " + string.Join(", ", metadata)));
            }

            return changes;
        }

        /// <summary>
        /// The keys of the draft's <c>m</c> whose values differ. Edits such as compression only touch these, so without
        /// them such an instruction would look like it did nothing.
        /// </summary>
        private static List<string> ChangedMetadataKeys(NemoDraft? before, NemoDraft? after)
        {
            var keys = new List<string>();
            if (before is null || after is null)
            {
                return keys;
            }

            using var oldDocument = JsonDocument.Parse(before.RawJson);
            using var newDocument = JsonDocument.Parse(after.RawJson);
            var oldValues = MetadataValues(oldDocument.RootElement);
            var newValues = MetadataValues(newDocument.RootElement);
            foreach (var key in oldValues.Keys.Union(newValues.Keys))
            {
                oldValues.TryGetValue(key, out var oldValue);
                newValues.TryGetValue(key, out var newValue);
                if (!string.Equals(oldValue, newValue, StringComparison.Ordinal))
                {
                    keys.Add(key);
                }
            }

            return keys;
        }

        private static Dictionary<string, string> MetadataValues(JsonElement draft)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            if (JsonFields.TryGet(draft, out var metadata, "m") && metadata.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in metadata.EnumerateObject())
                {
                    values[property.Name] = property.Value.GetRawText();
                }
            }

            return values;
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

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NemoVideo.Client
{
    /// <summary>
    /// Text about a timeline for people, in the contract's format:
    /// <c>Timeline (3 tracks): 1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) 3. Title: "Urban Dreams" (0-3s)</c>.
    /// </summary>
    internal static class TimelineText
    {
        public static string Summary(IReadOnlyList<NemoTrack> tracks)
        {
            var noun = tracks.Count == 1 ? "track" : "tracks";
            if (tracks.Count == 0)
            {
                return "Timeline (0 tracks): empty";
            }

            return $"Timeline ({tracks.Count} {noun}): " + string.Join(" ", tracks.Select(Track));
        }

        public static string Track(NemoTrack track)
        {
            var content = track.Segments.Count == 0 ? "empty" : string.Join(", ", track.Segments.Select(segment => Segment(track.Kind, segment)));
            return $"{track.Index}. {Label(track.Kind)}: {content}";
        }

        /// <summary>The label of a track kind as the summary shows it: audio is background music, text is a title.</summary>
        public static string Label(NemoTrackKind kind) => kind switch
        {
            NemoTrackKind.Video => "Video",
            NemoTrackKind.Audio => "BGM",
            NemoTrackKind.Text => "Title",
            _ => "Track",
        };

        public static string Segment(NemoTrackKind kind, NemoSegment segment)
        {
            var what = kind == NemoTrackKind.Text && segment.Text != null
                ? "\"" + segment.Text + "\""
                : segment.Name ?? segment.Text ?? "untitled";
            var details = new List<string>();
            if (segment.StartMs.HasValue && segment.EndMs.HasValue)
            {
                details.Add($"{Seconds(segment.StartMs.Value)}-{Seconds(segment.EndMs.Value)}s");
            }

            // Full volume on a clip is the normal case and only noise; on music, or when changed, the level matters.
            if (segment.Volume is double volume && (kind == NemoTrackKind.Audio || Math.Abs(volume - 1) > 0.005))
            {
                details.Add(Math.Round(volume * 100).ToString(CultureInfo.InvariantCulture) + "%");
            }

            return details.Count == 0 ? what : $"{what} ({string.Join(", ", details)})";
        }

        private static string Seconds(long milliseconds) =>
            (milliseconds / 1000.0).ToString("0.##", CultureInfo.InvariantCulture);
    }
}

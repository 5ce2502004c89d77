using System;
using System.Collections.Generic;
using System.Text.Json;

namespace NemoVideo.Client
{
    /// <summary>
    /// Reads the draft's short keys (<c>t</c> tracks, <c>tt</c> type, <c>sg</c> segments, <c>d</c> duration). Segment keys
    /// are not published, so several spellings are tried; the raw text is kept so nothing unknown is lost.
    /// </summary>
    internal static class DraftReader
    {
        private static readonly string[] NameKeys = { "n", "name", "title", "nm", "file_name", "filename" };
        private static readonly string[] TextKeys = { "tx", "text", "txt", "content" };
        private static readonly string[] StartKeys = { "st", "s", "start", "start_ms", "from" };
        private static readonly string[] EndKeys = { "et", "e", "end", "end_ms", "to" };
        private static readonly string[] LengthKeys = { "du", "dur", "duration", "d" };
        private static readonly string[] VolumeKeys = { "v", "vol", "volume" };

        public static NemoDraft Parse(JsonElement draft)
        {
            var tracks = new List<NemoTrack>();
            if (JsonFields.TryGet(draft, out var trackArray, "t", "tracks") && trackArray.ValueKind == JsonValueKind.Array)
            {
                foreach (var track in trackArray.EnumerateArray())
                {
                    tracks.Add(ReadTrack(track, tracks.Count + 1));
                }
            }

            var exportable = tracks.Exists(track => track.Segments.Count > 0);
            var duration = JsonFields.Integer(draft, "d", "duration");
            return new NemoDraft(tracks, duration, exportable, TimelineText.Summary(tracks), draft.GetRawText());
        }

        private static NemoTrack ReadTrack(JsonElement track, int index)
        {
            var typeCode = (int?)JsonFields.Integer(track, "tt", "type");
            var segments = new List<NemoSegment>();
            if (JsonFields.TryGet(track, out var segmentArray, "sg", "segments") && segmentArray.ValueKind == JsonValueKind.Array)
            {
                foreach (var segment in segmentArray.EnumerateArray())
                {
                    segments.Add(ReadSegment(segment));
                }
            }

            return new NemoTrack(index, typeCode, KindOf(typeCode), segments, track.GetRawText());
        }

        private static NemoSegment ReadSegment(JsonElement segment)
        {
            var start = JsonFields.Integer(segment, StartKeys);
            var end = JsonFields.Integer(segment, EndKeys);
            var length = JsonFields.Integer(segment, LengthKeys);
            if (end is null && start.HasValue && length.HasValue)
            {
                end = start + length;
            }

            var volume = JsonFields.Number(segment, VolumeKeys);
            // Volume comes as 0..1 or as a percentage; both read as 0..1.
            if (volume > 1)
            {
                volume /= 100;
            }

            return new NemoSegment(
                JsonFields.String(segment, NameKeys),
                start,
                end,
                volume,
                JsonFields.String(segment, TextKeys),
                segment.GetRawText());
        }

        private static NemoTrackKind KindOf(int? typeCode) =>
            typeCode.HasValue && Enum.IsDefined(typeof(NemoTrackKind), typeCode.Value) ? (NemoTrackKind)typeCode.Value : NemoTrackKind.Unknown;
    }
}

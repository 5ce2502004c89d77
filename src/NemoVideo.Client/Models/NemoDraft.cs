using System.Collections.Generic;

namespace NemoVideo.Client
{
    /// <summary>
    /// A read-only view of the draft (timeline). <see cref="RawJson"/> is the draft text exactly as the service sent it;
    /// export sends that text back unchanged, so fields this client does not know survive the round trip.
    /// </summary>
    public sealed record NemoDraft(
        IReadOnlyList<NemoTrack> Tracks,
        long? DurationMs,
        bool IsExportable,
        string Summary,
        string RawJson)
    {
        /// <summary>No draft: not exportable, so a job that carries it can never be resubmitted with an empty timeline.</summary>
        public static NemoDraft None { get; } = new NemoDraft(System.Array.Empty<NemoTrack>(), null, false, string.Empty, "{}");
    }

    /// <summary>One track of the draft. <paramref name="TypeCode"/> is the raw <c>tt</c>; <paramref name="Kind"/> names it.</summary>
    public sealed record NemoTrack(int Index, int? TypeCode, NemoTrackKind Kind, IReadOnlyList<NemoSegment> Segments, string RawJson);

    /// <summary>One segment (clip, sound or text) on a track. Times are milliseconds on the timeline.</summary>
    /// <param name="Volume">0..1 when the service gives it.</param>
    public sealed record NemoSegment(string? Name, long? StartMs, long? EndMs, double? Volume, string? Text, string RawJson);

    /// <summary>Track types by the draft's <c>tt</c> code (0 video, 1 audio, 7 text).</summary>
    public enum NemoTrackKind
    {
        Unknown = -1,
        Video = 0,
        Audio = 1,
        Text = 7,
    }
}

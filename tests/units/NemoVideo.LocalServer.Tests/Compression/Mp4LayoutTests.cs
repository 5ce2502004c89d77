using NemoVideo.Compression;

namespace NemoVideo.LocalServer.Tests.Compression;

/// <summary>Which MP4/MOV files the check for a recording cut off before its header's end may skip: only those whose
/// index was written after all their media, as a muxer finishing a file writes it.</summary>
[Collection(CompressionCollection.Name)]
public sealed class Mp4LayoutTests(ClipFixture clips)
{
    [Fact]
    public async Task Ffmpegs_own_mp4_and_mov_have_their_index_after_the_media()
    {
        var mov = await Remux(clips.Noise, "copy.mov");

        Assert.Equal(["ftyp", "free", "mdat", "moov"], Mp4Layout.TopLevelBoxes(clips.Noise));
        Assert.True(Mp4Layout.IndexFollowsMedia(await clips.Probe(clips.Noise)));
        Assert.True(Mp4Layout.IndexFollowsMedia(await clips.Probe(mov)));
    }

    [Fact]
    public async Task Faststart_and_fragmented_files_can_be_cut_off_and_still_read_so_they_do_not_count()
    {
        var faststart = await Remux(clips.Noise, "faststart.mp4", "-movflags", "+faststart");
        var fragmented = await Remux(clips.Noise, "fragmented.mp4", "-movflags", "+frag_keyframe+empty_moov");

        Assert.Equal(["ftyp", "moov", "free", "mdat"], Mp4Layout.TopLevelBoxes(faststart));
        Assert.False(Mp4Layout.IndexFollowsMedia(await clips.Probe(faststart)));
        Assert.Contains("moof", Mp4Layout.TopLevelBoxes(fragmented)!);
        Assert.False(Mp4Layout.IndexFollowsMedia(await clips.Probe(fragmented)));
    }

    [Fact]
    public async Task Bytes_after_the_last_box_or_a_box_running_past_the_end_leave_the_layout_unknown()
    {
        var trailing = clips.NewOutput("trailing.mp4");
        File.Copy(clips.Noise, trailing);
        await File.AppendAllTextAsync(trailing, "appended by a copy tool", TestContext.Current.CancellationToken);
        var cut = clips.NewOutput("cut.mp4");
        var bytes = await File.ReadAllBytesAsync(clips.Noise, TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(cut, bytes[..(bytes.Length / 2)], TestContext.Current.CancellationToken);
        var notBoxes = clips.NewOutput("notes.mp4");
        await File.WriteAllTextAsync(notBoxes, "these are meeting notes, not a video", TestContext.Current.CancellationToken);

        Assert.Null(Mp4Layout.TopLevelBoxes(trailing));
        Assert.False(Mp4Layout.IndexFollowsMedia(await clips.Probe(trailing)));
        Assert.Null(Mp4Layout.TopLevelBoxes(cut));
        Assert.Null(Mp4Layout.TopLevelBoxes(notBoxes));
        Assert.Null(Mp4Layout.TopLevelBoxes(clips.NewOutput("missing.mp4")));
    }

    [Fact]
    public async Task A_matroska_file_is_not_read_as_boxes()
    {
        var matroska = await Remux(clips.Noise, "copy.mkv");

        Assert.False(Mp4Layout.IndexFollowsMedia(await clips.Probe(matroska)));
    }

    private async Task<string> Remux(string source, string name, params string[] options)
    {
        var target = clips.NewOutput(name);
        var outcome = await ToolProcess.RunAsync(clips.RequireTools().FfmpegPath,
            ["-v", "error", "-nostdin", "-i", source, "-map", "0", "-c", "copy", .. options, target], onOutputLine: null,
            TestContext.Current.CancellationToken);
        Assert.True(outcome.Succeeded, outcome.StandardErrorTail);
        return target;
    }
}

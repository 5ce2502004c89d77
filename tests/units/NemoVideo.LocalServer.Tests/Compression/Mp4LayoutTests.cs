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

    /// <summary>A fresh review's files: a media box cut in half with the original index put back after it, and a faststart
    /// file cut in half with a copy of its index appended. Both are laid out like a finished file; both went through
    /// unchecked, compressed to half their length with no warning. The index's last chunks and a single index decide.</summary>
    [Fact]
    public async Task An_index_put_back_after_a_cut_media_box_is_not_taken_for_a_finished_file()
    {
        var (ftyp, free, mdat, moov) = await FourBoxes(clips.Noise);
        var halfMedia = Resized(mdat, (mdat.Length - 8) / 2);
        var putBack = clips.NewOutput("index-put-back.mp4");
        await File.WriteAllBytesAsync(putBack, [.. ftyp, .. free, .. halfMedia, .. moov], TestContext.Current.CancellationToken);
        var twice = clips.NewOutput("index-twice.mp4");
        await File.WriteAllBytesAsync(twice, [.. ftyp, .. free, .. mdat, .. moov, .. moov], TestContext.Current.CancellationToken);

        var cut = await clips.Probe(putBack);

        Assert.Equal(["ftyp", "free", "mdat", "moov"], Mp4Layout.TopLevelBoxes(putBack));
        Assert.False(Mp4Layout.IndexFollowsMedia(cut));
        Assert.NotNull(cut.ClaimedDurationSeconds);
        Assert.InRange(cut.DurationSeconds, 1, 3);
        Assert.Contains(cut.Warnings, warning => warning.StartsWith("Only ", StringComparison.Ordinal));
        Assert.False(Mp4Layout.IndexFollowsMedia(await clips.Probe(twice)));
    }

    [Fact]
    public async Task A_faststart_file_cut_in_its_index_or_before_its_first_picture_is_called_cut_off()
    {
        var faststart = await Remux(clips.Noise, "faststart.mp4", "-movflags", "+faststart");
        var (_, moov, _, _) = await FourBoxes(faststart);
        var bytes = await File.ReadAllBytesAsync(faststart, TestContext.Current.CancellationToken);
        var moovEnd = Array.IndexOf(Mp4Layout.TopLevelBoxes(faststart)!.ToArray(), "moov") is 1 ? FirstBoxLength(bytes) + moov.Length : -1;
        var inIndex = clips.NewOutput("cut-in-index.mp4");
        await File.WriteAllBytesAsync(inIndex, bytes[..(FirstBoxLength(bytes) + 64)], TestContext.Current.CancellationToken);
        var afterIndex = clips.NewOutput("cut-after-index.mp4");
        await File.WriteAllBytesAsync(afterIndex, bytes[..(moovEnd + 200)], TestContext.Current.CancellationToken);
        var matroska = await Remux(clips.Noise, "copy.mkv");
        var matroskaHeader = clips.NewOutput("cut-after-header.mkv");
        await File.WriteAllBytesAsync(matroskaHeader, (await File.ReadAllBytesAsync(matroska, TestContext.Current.CancellationToken))[..5000],
            TestContext.Current.CancellationToken);

        Assert.Equal("moov", Mp4Layout.BoxCutOff(inIndex));
        foreach (var (file, says) in new[] { (inIndex, "ends inside its index"), (afterIndex, "ends before its pictures"), (matroskaHeader, "ends before its pictures") })
        {
            var error = await Assert.ThrowsAsync<CompressionException>(() => clips.Probe(file));
            Assert.Equal((MediaProblem.Truncated, file), (error.Problem, error.Target));
            Assert.True(error.Message.Contains(says, StringComparison.Ordinal), error.Message);
        }
    }

    /// <summary>A second fresh review: a song "video" (one picture under its sound) cut off in its sound went through as
    /// whole, shortened with no warning, because its picture reached the picture's own end.</summary>
    [Fact]
    public async Task A_song_video_cut_off_in_its_sound_is_found_cut_off()
    {
        var picture = clips.NewOutput("cover.png");
        var song = clips.NewOutput("song.mp4");
        foreach (var arguments in new[]
        {
            new[] { "-f", "lavfi", "-i", "color=c=teal:size=320x240", "-frames:v", "1", picture },
            ["-i", picture, "-f", "lavfi", "-i", "sine=frequency=440:duration=12", "-c:v", "libx264", "-c:a", "aac", "-movflags", "+faststart", song],
        })
        {
            var outcome = await ToolProcess.RunAsync(clips.RequireTools().FfmpegPath, ["-v", "error", "-nostdin", .. arguments], onOutputLine: null,
                TestContext.Current.CancellationToken);
            Assert.True(outcome.Succeeded, outcome.StandardErrorTail);
        }

        var bytes = await File.ReadAllBytesAsync(song, TestContext.Current.CancellationToken);
        var cut = clips.NewOutput("song-cut.mp4");
        await File.WriteAllBytesAsync(cut, bytes[..(bytes.Length / 2)], TestContext.Current.CancellationToken);

        var whole = await clips.Probe(song);
        var read = await clips.Probe(cut);

        Assert.Null(whole.ClaimedDurationSeconds);
        Assert.Equal(12, whole.DurationSeconds, 0.1);
        Assert.Equal(12, read.ClaimedDurationSeconds!.Value, 0.1);
        Assert.InRange(read.DurationSeconds, 4, 8);
        Assert.Contains(read.Warnings, warning => warning.StartsWith("Only ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_matroska_file_is_not_read_as_boxes()
    {
        var matroska = await Remux(clips.Noise, "copy.mkv");

        Assert.False(Mp4Layout.IndexFollowsMedia(await clips.Probe(matroska)));
    }

    /// <summary>The four top-level boxes of an ffmpeg MP4, in file order, as bytes.</summary>
    private static async Task<(byte[], byte[], byte[], byte[])> FourBoxes(string path)
    {
        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        var boxes = new List<byte[]>();
        for (var offset = 0; offset < bytes.Length;)
        {
            var size = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset));
            boxes.Add(bytes[offset..(offset + size)]);
            offset += size;
        }

        Assert.Equal(4, boxes.Count);
        return (boxes[0], boxes[1], boxes[2], boxes[3]);
    }

    private static int FirstBoxLength(byte[] bytes) => (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes);

    /// <summary>The box with its payload cut to <paramref name="payload"/> bytes and its size field saying so.</summary>
    private static byte[] Resized(byte[] box, int payload)
    {
        var resized = box[..(8 + payload)];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(resized, (uint)resized.Length);
        return resized;
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

using System.Text.Json;
using NemoVideo.Compression;

namespace NemoVideo.LocalServer.Tests.Compression;

public sealed class ProgressAndProbeParsingTests
{
    [Fact]
    public void Ffmpeg_progress_lines_map_onto_the_stage_range_and_never_go_back()
    {
        var seen = new List<double>();
        var tracker = new ProgressTracker(new ListProgress(seen), outputSeconds: 10);

        var firstPass = tracker.Stage(0, 0.3);
        firstPass("frame=10");
        firstPass("out_time_us=5000000");
        firstPass("progress=end");
        var secondPass = tracker.Stage(0.3, 1);
        secondPass("out_time_us=0");
        secondPass("out_time_us=N/A");
        secondPass("out_time_us=10000000");

        Assert.Equal([0.15, 0.3, 1.0], seen.Select(value => Math.Round(value, 6)));
    }

    [Fact]
    public void Ffprobe_json_with_a_display_matrix_and_uneven_timing_is_understood()
    {
        const string json = """
            {"streams":[
              {"codec_type":"video","codec_name":"h264","width":1920,"height":1080,"pix_fmt":"yuv420p10le","r_frame_rate":"30/1",
               "avg_frame_rate":"2460/121","nb_frames":"82","color_transfer":"smpte2084","sample_aspect_ratio":"1:1",
               "side_data_list":[{"side_data_type":"Display Matrix","rotation":-90}]},
              {"codec_type":"audio","codec_name":"aac","channels":6,"sample_rate":"48000","bit_rate":"384000"}],
             "format":{"format_name":"mov,mp4,m4a,3gp,3g2,mj2","duration":"4.033","bit_rate":"5000000"}}
            """;
        using var document = JsonDocument.Parse(json);

        var info = FfprobeJson.ToMediaInfo("/clip.mp4", 123, document.RootElement)!;

        Assert.Equal((1080, 1920), (info.Video.DisplayWidth, info.Video.DisplayHeight));
        Assert.True(info.Video.IsVariableFrameRate);
        Assert.True(info.Video.IsHdr);
        Assert.Equal(4.033, info.DurationSeconds);
        Assert.Equal((6, 384_000L), (info.Audio!.Channels, info.Audio.BitRate));
    }

    [Fact]
    public void A_single_still_image_is_not_a_video()
    {
        const string json = """
            {"streams":[{"codec_type":"video","codec_name":"png","width":64,"height":64,"pix_fmt":"rgba","r_frame_rate":"25/1","avg_frame_rate":"0/0"}],
             "format":{"format_name":"png_pipe"}}
            """;
        using var document = JsonDocument.Parse(json);

        Assert.Null(FfprobeJson.ToMediaInfo("/still.png", 100, document.RootElement));
    }

    [Fact]
    public void Streams_of_any_media_are_listed_with_their_kind_size_and_duration()
    {
        const string json = """
            {"streams":[{"codec_type":"audio","duration":"2.500000"},{"codec_type":"video","width":64,"height":48}]}
            """;
        using var document = JsonDocument.Parse(json);

        var streams = FfprobeJson.ToStreams(document.RootElement);

        Assert.Equal([new MediaStream("audio", null, null, 2.5), new MediaStream("video", 64, 48, null)], streams);
    }

    private sealed class ListProgress(List<double> seen) : IProgress<double>
    {
        public void Report(double value) => seen.Add(value);
    }
}

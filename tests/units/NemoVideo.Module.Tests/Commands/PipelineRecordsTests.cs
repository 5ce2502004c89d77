using NemoVideo.Module.Commands;
using NemoVideo.Module.Handlers;

namespace NemoVideo.Module.Tests.Commands;

public class PipelineRecordsTests
{
    [Fact]
    public void Piped_renders_keep_their_sessions_and_a_repeat_is_exported_once()
    {
        var exports = new PipelineRecords<ExportItem>();

        exports.Add(new ExportItem("s1", "render_1"));
        exports.Add(new ExportItem("s2", "render_2"));
        exports.Add(new ExportItem("s1", "render_1"));
        exports.Add(new ExportItem("s1", null));

        Assert.Equal([new("s1", "render_1"), new("s2", "render_2"), new("s1", null)], exports.ToList());
    }

    [Fact]
    public void Nothing_piped_is_nothing_to_do_not_the_connection_s_session()
    {
        // A command piped to that received nothing (the upload before it failed) must not fall back to a default.
        var nothing = new PipelineRecords<ExportItem>();

        Assert.True(nothing.IsEmpty);
        Assert.Empty(nothing.ToList());
    }
}

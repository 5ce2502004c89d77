using System.Security.Cryptography;
using NemoVideo.Compression;

namespace NemoVideo.LocalServer.Tests.Compression;

[Collection(CompressionCollection.Name)]
public sealed class BudgetEncodingTests(ClipFixture clips)
{
    [Fact]
    public async Task A_ceiling_is_never_exceeded_and_at_least_95_percent_of_it_is_used()
    {
        clips.RequireTools();
        var ceiling = new FileInfo(clips.Noise).Length / 5;
        var sourceHash = Hash(clips.Noise);
        var output = Path.Combine(clips.NewOutputFolder(), "small.mp4");

        var result = await clips.Compress(clips.Noise, output, new CompressionRequest { MaxBytes = ceiling });

        var written = new FileInfo(output).Length;
        Assert.Equal(written, result.Bytes);
        Assert.InRange(written, (long)(ceiling * CompressionEngine.MinimumFill), ceiling);
        // 120 frames: too few for one pass (VideoEncoder.OnePassMinimumFrames).
        Assert.Equal(CompressionStrategy.TwoPass, result.Strategy);
        Assert.Equal(("h264", "yuv420p"), (result.VideoCodec, result.PixelFormat));
        Assert.Equal("aac", result.AudioCodec);
        Assert.Equal(4, result.DurationSeconds, 0.2);
        var boxes = Mp4Layout.TopLevelBoxes(output)!;
        Assert.True(boxes.IndexOf("moov") < boxes.IndexOf("mdat"), "faststart puts moov before mdat: " + string.Join(",", boxes));
        Assert.Equal(sourceHash, Hash(clips.Noise));
    }

    [Fact]
    public async Task A_relative_size_is_a_ceiling_on_that_share_of_the_source()
    {
        clips.RequireTools();
        var output = Path.Combine(clips.NewOutputFolder(), "half.mp4");

        var result = await clips.Compress(clips.Noise, output, new CompressionRequest { SizeFraction = 0.5 });

        var half = new FileInfo(clips.Noise).Length / 2;
        Assert.Equal(half, result.CeilingBytes);
        Assert.InRange(result.Bytes, (long)(half * CompressionEngine.MinimumFill), half);
    }

    [Fact]
    public async Task A_tight_budget_lowers_the_resolution_instead_of_starving_every_pixel()
    {
        clips.RequireTools();
        var ceiling = new FileInfo(clips.Noise).Length / 100;
        var output = Path.Combine(clips.NewOutputFolder(), "tight.mp4");

        var result = await clips.Compress(clips.Noise, output, new CompressionRequest { MaxBytes = ceiling });

        Assert.True(result.Height < 360, $"expected a smaller picture than 640x360, got {result.Width}x{result.Height}");
        Assert.Equal(640.0 / 360, result.Width / (double)result.Height, 0.05);
        Assert.InRange(result.Bytes, (long)(ceiling * CompressionEngine.MinimumFill), ceiling);
    }

    [Fact]
    public async Task A_source_already_under_the_ceiling_is_copied_not_inflated()
    {
        clips.RequireTools();
        var sourceBytes = new FileInfo(clips.Tiny).Length;
        var output = Path.Combine(clips.NewOutputFolder(), "same.mp4");

        var result = await clips.Compress(clips.Tiny, output, new CompressionRequest { MaxBytes = sourceBytes * 10 });

        Assert.Equal(CompressionStrategy.Remux, result.Strategy);
        Assert.InRange(result.Bytes, 1, sourceBytes);
        Assert.Contains(result.Notes, note => note.Contains("already fits", StringComparison.Ordinal) && note.Contains($"{sourceBytes * 10:N0}-byte ceiling", StringComparison.Ordinal)
            && note.Contains("copied unchanged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_source_under_the_ceiling_that_must_change_is_not_made_larger_than_it_was()
    {
        clips.RequireTools();
        var sourceBytes = new FileInfo(clips.Tiny).Length;
        var output = Path.Combine(clips.NewOutputFolder(), "changed.mp4");

        var result = await clips.Compress(clips.Tiny, output,
            new CompressionRequest { MaxBytes = sourceBytes * 10, Quality = QualityPreference.High, Height = 144 });

        Assert.Equal((256, 144), (result.Width, result.Height));
        Assert.InRange(result.Bytes, 1, sourceBytes);
        Assert.Contains(result.Notes, note => note.Contains("kept no larger than the source", StringComparison.Ordinal));
    }

    /// <summary>A reviewer's 4K clip under a 100 MB ceiling came out of its quality encode (CRF 23) far under its source,
    /// and the note said it had been "kept no larger than the source": the quality setting is what made it small.</summary>
    [Fact]
    public async Task A_source_under_the_ceiling_whose_quality_encode_fits_says_the_quality_setting_made_it_small()
    {
        clips.RequireTools();
        var sourceBytes = new FileInfo(clips.Noise).Length;
        var output = Path.Combine(clips.NewOutputFolder(), "smaller.mp4");

        var result = await clips.Compress(clips.Noise, output, new CompressionRequest { MaxBytes = sourceBytes * 2, Height = 180 });

        Assert.Equal(CompressionStrategy.Quality, result.Strategy);
        var note = Assert.Single(result.Notes, note => note.Contains("already fits", StringComparison.Ordinal));
        Assert.Contains("quality setting (x264 CRF ", note, StringComparison.Ordinal);
        Assert.DoesNotContain("kept no larger than the source", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_impossible_ceiling_is_a_clear_error_and_leaves_no_file()
    {
        clips.RequireTools();
        var folder = clips.NewOutputFolder();
        var output = Path.Combine(folder, "impossible.mp4");

        var error = await Assert.ThrowsAsync<CompressionException>(() => clips.Compress(clips.Noise, output,
            new CompressionRequest { MaxBytes = 3_000 }));

        Assert.Equal(CompressionFailure.Infeasible, error.Kind);
        Assert.Equal("Nemo.Compression.Infeasible", error.ErrorId);
        Assert.Contains("3,000 bytes", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }

    [Fact]
    public async Task A_picture_that_needs_less_than_the_ceiling_says_how_much_it_used()
    {
        // A reviewer's static screen recording used 71 % of its ceiling and nothing said why.
        var output = Path.Combine(clips.NewOutputFolder(), "flat.mp4");
        const long ceiling = 42_000;

        var result = await clips.Compress(clips.Flat, output, new CompressionRequest { MaxBytes = ceiling });

        Assert.True(result.Bytes < ceiling * CompressionEngine.MinimumFill, $"the flat clip filled {result.Bytes} of {ceiling} bytes; the test needs one that cannot");
        var note = result.Notes.SingleOrDefault(text => text.Contains("of the 42,000-byte ceiling", StringComparison.Ordinal));
        Assert.True(note is not null, $"{result.Strategy}, {result.FinalPassRuns} runs, {result.Bytes} bytes; notes: {string.Join(" | ", result.Notes)}");
        Assert.Contains("needs no more", note);
        Assert.Empty(result.Warnings);
    }
}

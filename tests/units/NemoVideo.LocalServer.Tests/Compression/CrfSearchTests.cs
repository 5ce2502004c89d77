using NemoVideo.Compression;

namespace NemoVideo.LocalServer.Tests.Compression;

/// <summary>The short-clip CRF search's steps, on size curves of known shape (no encoding).</summary>
public sealed class CrfSearchTests
{
    private const long Cap = 100_000;
    private const double MinimumFill = 0.95;

    [Theory]
    [InlineData(-0.1155, 23)] // x264's usual: half the size per 6 CRF
    [InlineData(-0.25, 23)]   // steeper than the search assumes
    [InlineData(-0.05, 40)]   // flatter, and starting far off
    public void An_exponential_curve_is_met_in_at_most_three_encodes(double logSizePerCrf, double start)
    {
        // The curve passes through 97.5 % of the cap at CRF 30.
        long SizeAt(double crf) => (long)(Cap * 0.975 * Math.Exp(logSizePerCrf * (crf - 30)));
        var search = new ShortClipSearch.CrfSearch(0, 51, Cap, MinimumFill);

        var (encodes, last) = Run(search, SizeAt, start);

        Assert.InRange(last, (long)(Cap * MinimumFill), Cap);
        Assert.True(encodes <= 3, $"{encodes} encodes");
    }

    [Fact]
    public void A_curve_with_a_cliff_still_ends_in_the_band_within_the_bracket_it_proves()
    {
        // Heavy noise: the size falls eightfold within one CRF unit around the cap.
        long SizeAt(double crf) => crf < 30 ? (long)(Cap * 4 * Math.Exp(-0.05 * crf + 1.5)) : crf > 31 ? Cap / 2 : (long)(Cap * 4 / Math.Pow(8, crf - 30));
        var search = new ShortClipSearch.CrfSearch(0, 51, Cap, MinimumFill);

        var (encodes, last) = Run(search, SizeAt, 23);

        Assert.InRange(last, (long)(Cap * MinimumFill), Cap);
        Assert.True(encodes <= 12, $"{encodes} encodes");
        Assert.InRange(search.Low, 29, 31);
    }

    /// <summary>The benchmark's 0.3 s clip (9 frames of 1080p test pattern and noise, preset medium, -tune ssim): sizes
    /// measured at these CRFs, between them log-linear. Flat below a cliff at CRF 19–21. Before steps were bounded the
    /// search took 8 encodes at 25 % of the source (807,000 bytes) and 10 at 50 % (1,614,000 bytes).</summary>
    [Theory]
    [InlineData(807_000, 6)]
    [InlineData(1_614_000, 8)]
    public void The_benchmarks_noisy_nine_frames_take_fewer_encodes_with_bounded_steps(long cap, int mostEncodes)
    {
        (double Crf, double Bytes)[] measured =
        [
            (0, 9_000_000), (7.18, 5_257_372), (13.18, 3_807_760), (13.47, 3_800_724), (18.24, 2_747_189), (18.89, 2_043_789),
            (18.97, 1_849_761), (19.07, 1_619_025), (19.08, 1_599_572), (19.11, 1_476_807), (19.43, 1_104_351), (19.6, 934_316),
            (19.75, 786_167), (19.8, 746_519), (20.05, 626_247), (20.62, 459_111), (20.77, 433_399), (23, 253_194), (51, 10_000),
        ];
        long SizeAt(double crf)
        {
            var right = Array.FindIndex(measured, point => point.Crf >= crf);
            var (a, b) = right <= 0 ? (measured[0], measured[1]) : (measured[right - 1], measured[right]);
            var along = (crf - a.Crf) / (b.Crf - a.Crf);
            return (long)Math.Exp(Math.Log(a.Bytes) + (along * (Math.Log(b.Bytes) - Math.Log(a.Bytes))));
        }

        var search = new ShortClipSearch.CrfSearch(0, 51, cap, MinimumFill);

        var (encodes, last) = Run(search, SizeAt, 23);

        Assert.InRange(last, (long)(cap * MinimumFill), cap);
        Assert.True(encodes <= mostEncodes, $"{encodes} encodes");
    }

    [Fact]
    public void A_bracket_narrower_than_a_hundredth_ends_the_search_even_outside_the_band()
    {
        var search = new ShortClipSearch.CrfSearch(0, 51, Cap, MinimumFill);

        Assert.NotNull(search.Record(30, Cap + 1));
        Assert.Null(search.Record(30.005, Cap / 2));
    }

    private static (int Encodes, long Last) Run(ShortClipSearch.CrfSearch search, Func<double, long> sizeAt, double start)
    {
        double? crf = start;
        var encodes = 0;
        long size = 0;
        while (crf is { } next && encodes < 12)
        {
            size = sizeAt(next);
            encodes++;
            crf = search.Record(next, size);
        }

        return (encodes, size);
    }
}

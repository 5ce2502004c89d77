using NemoVideo.Module.Engine;

namespace NemoVideo.Module.Tests.Engine;

public class ByteSizeTests
{
    [Theory]
    [InlineData(0L, "0 B")]
    [InlineData(1_536L, "1.5 KiB")]
    [InlineData(52_428_800L, "50 MiB")]
    public void Sizes_are_labelled_in_binary_units(long bytes, string text) => Assert.Equal(text, ByteSize.Format(bytes));

    // -Platform Discord is 10,000,000 bytes: "9.5 MiB" alone read as a different limit from the documented "10 MB".
    [Theory]
    [InlineData(10_000_000L, "10 MB (9.5 MiB)")]
    [InlineData(2_500_000L, "2.5 MB (2.4 MiB)")]
    [InlineData(500_000L, "500 kB (488.3 KiB)")]
    [InlineData(52_428_800L, "50 MiB")]
    [InlineData(9_000L, "9 kB (8.8 KiB)")]
    [InlineData(1_234L, "1.2 KiB")]
    public void A_ceiling_is_shown_as_it_was_set(long bytes, string text) => Assert.Equal(text, ByteSize.FormatCeiling(bytes));
}

namespace NemoVideo.Client.Tests;

/// <summary>Issue 9: a picture type can hold an animation; an APNG goes on to be compressed, an animated WebP is refused for what it is.</summary>
public class PictureAnimationTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void AnApngIsNotRefusedByItsExtension()
    {
        using var folder = new Support.TempFolder();
        var path = folder.Write("anim.png", Png(withAnimationControl: true));

        Assert.Null(MediaRefusal.ForCompressionByExtension(path));
    }

    [Fact]
    public void AStillPngIsAStillImage()
    {
        using var folder = new Support.TempFolder();
        var path = folder.Write("photo.png", Png(withAnimationControl: false));

        Assert.Equal(NemoErrorIds.MediaStillImage, MediaRefusal.ForCompressionByExtension(path)?.ErrorId);
    }

    [Theory]
    [InlineData(0x02, "Nemo.Media.UnsupportedAnimation")]
    [InlineData(0x10, "Nemo.Media.StillImage")]
    public void AWebpIsRefusedAsAnAnimationOnlyWhenItsHeaderSaysAnimated(byte flags, string errorId)
    {
        using var folder = new Support.TempFolder();
        byte[] webp = [.. "RIFF"u8, 30, 0, 0, 0, .. "WEBPVP8X"u8, 10, 0, 0, 0, flags, 0, 0, 0, 159, 0, 0, 119, 0, 0];
        var path = folder.Write("sticker.webp", webp);

        var refusal = MediaRefusal.ForCompressionByExtension(path);

        Assert.Equal(errorId, refusal?.ErrorId);
        Assert.Equal(NemoErrorCategory.InvalidType, refusal!.Category);
        Assert.Equal(path, refusal.Target);
    }

    private static byte[] Png(bool withAnimationControl)
    {
        byte[] header = [0, 0, 0, 13, .. "IHDR"u8, 0, 0, 0, 16, 0, 0, 0, 16, 8, 6, 0, 0, 0, 0, 0, 0, 0];
        byte[] animationControl = [0, 0, 0, 8, .. "acTL"u8, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0, 0, 0];
        byte[] data = [0, 0, 0, 2, .. "IDAT"u8, 1, 2, 0, 0, 0, 0];
        return [.. PngSignature, .. header, .. withAnimationControl ? animationControl : [], .. data];
    }
}

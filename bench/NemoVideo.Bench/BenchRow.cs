namespace NemoVideo.Bench;

internal sealed record BenchRow(string Clip, double CeilingShare, long CeilingBytes, string Contender,
    long Bytes, int Width, int Height, double Ssim, double Psnr, double Seconds)
{
    public double BudgetUse => Bytes / (double)CeilingBytes;
}

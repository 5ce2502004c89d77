namespace NemoVideo.Bench;

/// <summary>One encode of one clip under one ceiling. <paramref name="Failure"/> is set (and the measurements are zero)
/// when the encoder gave no output, e.g. our engine refusing an infeasible ceiling.</summary>
internal sealed record BenchRow(string Clip, double CeilingShare, long CeilingBytes, string Contender,
    long Bytes, int Width, int Height, double Ssim, double Psnr, double Seconds, double SourceSeconds = 0, string? Failure = null,
    int SourceShortSide = 0, double SourceFrameRate = 0, bool SourceVariableFrameRate = false)
{
    public double BudgetUse => Bytes / (double)CeilingBytes;
}

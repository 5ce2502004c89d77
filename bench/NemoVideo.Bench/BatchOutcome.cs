namespace NemoVideo.Bench;

/// <summary>What the batch run measured: both wall times and the local server's peak resident memory.</summary>
internal sealed record BatchOutcome(int Files, double OneAtATimeSeconds, double ThrottleTwoSeconds, long ServerPeakBytes, int Failed, string? NotMeasured)
{
    public double Ratio => ThrottleTwoSeconds / OneAtATimeSeconds;
}

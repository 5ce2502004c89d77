namespace NemoVideo.Compression;

/// <summary>Where one budget encode landed against the cap.</summary>
internal enum Landing
{
    /// <summary>Over the cap: unusable.</summary>
    Over,
    /// <summary>Under the cap but below the minimum fill: usable, and kept aside in case nothing better comes.</summary>
    Short,
    /// <summary>Between the minimum fill and the cap: the output.</summary>
    InBand,
}

/// <summary>
/// The encodes of one size-capped compression, whichever rate control made them (one pass, pass 2, the CRF search):
/// counts them, remembers whether any overshot, and keeps the largest that fitted set aside beside the output, so that
/// a later encode may aim higher without risking the fit already made. A reviewer's 90 noisy frames went 147 % then 71 %
/// of the cap; without a kept fit the 71 % run had to be taken, since another try upward could have overshot again.
/// </summary>
internal sealed class BudgetRuns(string outputPath, long capBytes, double minimumFill) : IDisposable
{
    // Beside the output, so setting aside and putting back are renames on one volume, not copies.
    private readonly string _keptPath = outputPath + ".fit";
    private readonly List<double> _fills = [];

    /// <summary>How many encodes wrote a candidate output so far.</summary>
    public int Encodes => _fills.Count;

    /// <summary>Whether any encode came out over the cap (its rate control misjudged this content, not the content's need).</summary>
    public bool Overshot => _fills.Any(fill => fill > 1);

    /// <summary>Size in bytes of the last encode recorded.</summary>
    public long LastBytes { get; private set; }

    /// <summary>Size in bytes of the largest encode under the cap that is kept aside; 0 when none is.</summary>
    public long KeptBytes { get; private set; }

    private CompressionStrategy _keptStrategy;

    /// <summary>Measures the encode just written to the output path. A short one that beats the kept fit is moved aside.</summary>
    public Landing Record(CompressionStrategy strategy)
    {
        LastBytes = new FileInfo(outputPath).Length;
        _fills.Add((double)LastBytes / capBytes);
        if (LastBytes > capBytes)
        {
            return Landing.Over;
        }

        if (LastBytes >= capBytes * minimumFill)
        {
            return Landing.InBand;
        }

        if (LastBytes > KeptBytes)
        {
            File.Move(outputPath, _keptPath, overwrite: true);
            (KeptBytes, _keptStrategy) = (LastBytes, strategy);
        }

        return Landing.Short;
    }

    /// <summary>Puts the kept fit back as the output; null when no encode fitted.</summary>
    public CompressionStrategy? RestoreKept()
    {
        if (KeptBytes == 0)
        {
            return null;
        }

        File.Move(_keptPath, outputPath, overwrite: true);
        KeptBytes = 0;
        return _keptStrategy;
    }

    public void Dispose() => File.Delete(_keptPath);
}

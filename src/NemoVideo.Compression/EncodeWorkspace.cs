namespace NemoVideo.Compression;

/// <summary>The files one compression writes: a hidden temporary output beside the destination (so the final
/// rename stays on one volume) and a private directory for pass statistics. Disposing removes whatever is left.</summary>
internal sealed class EncodeWorkspace : IDisposable
{
    private readonly DirectoryInfo _statsDirectory;
    private bool _committed;

    private EncodeWorkspace(string sourcePath, string finalOutputPath, string temporaryOutputPath, DirectoryInfo statsDirectory)
    {
        SourcePath = sourcePath;
        FinalOutputPath = finalOutputPath;
        TemporaryOutputPath = temporaryOutputPath;
        _statsDirectory = statsDirectory;
    }

    public string SourcePath { get; }

    /// <summary>The name the caller asked for; errors use it instead of the temporary name.</summary>
    public string FinalOutputPath { get; }

    public string TemporaryOutputPath { get; }

    /// <summary>The private directory for pass statistics and other scratch files of this compression.</summary>
    public string StatsDirectory => _statsDirectory.FullName;

    /// <summary>Prefix for encoder statistics files (x264/vpx add their own suffixes).</summary>
    public string StatsPrefix => Path.Combine(_statsDirectory.FullName, "pass");

    public static EncodeWorkspace Create(string sourcePath, string outputPath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(outputPath))!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(outputPath)}.{Guid.NewGuid():N}.partial");
        // CreateTempSubdirectory makes the directory readable by this user only.
        return new EncodeWorkspace(sourcePath, outputPath, temporary, Directory.CreateTempSubdirectory("nemo-passlog-"));
    }

    /// <summary>Moves the finished temporary file to its final name.</summary>
    public void Commit(string outputPath, bool overwrite)
    {
        try
        {
            File.Move(TemporaryOutputPath, outputPath, overwrite);
            _committed = true;
        }
        catch (IOException) when (!overwrite && File.Exists(outputPath))
        {
            throw new CompressionException(CompressionFailure.OutputExists,
                $"'{outputPath}' appeared while compressing; it was left untouched. Choose another name or allow overwriting.", outputPath);
        }
    }

    public void Dispose()
    {
        if (!_committed)
        {
            File.Delete(TemporaryOutputPath);
        }

        _statsDirectory.Refresh();
        if (_statsDirectory.Exists)
        {
            _statsDirectory.Delete(recursive: true);
        }
    }
}

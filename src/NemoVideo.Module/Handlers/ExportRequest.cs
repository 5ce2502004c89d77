namespace NemoVideo.Module.Handlers
{
    /// <summary>Export-NemoVideo's parameters. OutFile names the file; otherwise Destination is a folder (default: here).</summary>
    public sealed record ExportRequest(string? Destination, string? OutFile, bool NoWait, bool Force);
}

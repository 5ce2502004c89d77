namespace NemoVideo.Module.Connections
{
    /// <summary>Where the default connection lives: the runspace in PowerShell, a plain field in tests.</summary>
    public interface IConnectionScope
    {
        NemoConnection? Current { get; set; }
    }
}

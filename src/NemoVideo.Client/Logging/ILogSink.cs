namespace NemoVideo.Client
{
    /// <summary>Receives the client's diagnostic lines. The client redacts every line before calling it.</summary>
    public interface ILogSink
    {
        void Verbose(string message);

        void Debug(string message);
    }
}

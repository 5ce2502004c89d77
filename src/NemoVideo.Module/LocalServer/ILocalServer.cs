using System;

namespace NemoVideo.Module
{
    /// <summary>A server Connect-Nemo -Local started; disposing it stops the server.</summary>
    public interface ILocalServer : IDisposable
    {
        Uri Endpoint { get; }
    }
}

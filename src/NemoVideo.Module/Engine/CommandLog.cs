using System.Threading;
using NemoVideo.Client;

namespace NemoVideo.Module.Engine
{
    /// <summary>
    /// The client's log sink. A client lives as long as its connection but each command has its own host, so the line
    /// goes to the host of the command whose async flow produced it. The client has already redacted every line.
    /// </summary>
    internal sealed class CommandLog : ILogSink
    {
        public static readonly CommandLog Instance = new CommandLog();

        private static readonly AsyncLocal<ICommandHost?> CurrentHost = new AsyncLocal<ICommandHost?>();

        private CommandLog()
        {
        }

        /// <summary>Routes the client's lines in the calling async flow (and the flows it starts) to <paramref name="host"/>.</summary>
        public static void Use(ICommandHost host) => CurrentHost.Value = host;

        public void Verbose(string message) => CurrentHost.Value?.WriteVerbose(message);

        public void Debug(string message) => CurrentHost.Value?.WriteDebug(message);
    }
}

using System.Management.Automation;
using NemoVideo.Module.Connections;

namespace NemoVideo.Module.Commands
{
    /// <summary>A cmdlet that works on a connection: the runspace default, or the one passed as -Session.</summary>
    public abstract class NemoSessionCmdlet : NemoCmdlet
    {
        /// <summary>A connection from Connect-Nemo; needed where there is no runspace default (ForEach-Object -Parallel).</summary>
        [Parameter]
        public NemoConnection? Session { get; set; }

        internal ConnectionResolver Connections => new ConnectionResolver(ConnectionScope, Session);
    }
}

using System.Management.Automation;
using NemoVideo.Module.Handlers;

namespace NemoVideo.Module.Commands
{
    /// <summary>Shows the connection NemoVideo commands use by default (like Get-AzContext / Get-MgContext).</summary>
    [Cmdlet(VerbsCommon.Get, "NemoContext")]
    [OutputType(typeof(NemoConnection))]
    public sealed class GetNemoContextCommand : NemoSessionCmdlet
    {
        protected override void EndProcessing() =>
            Execute(() => new ContextHandler(ConnectionScope, Session).ExecuteAsync);
    }
}

using System.Management.Automation;
using NemoVideo.Module.Handlers;

namespace NemoVideo.Module.Commands
{
    /// <summary>Closes the connection (default or -Session) and stops the local server it started; -Forget deletes stored anonymous tokens.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Nemo", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(NemoConnection))]
    public sealed class DisconnectNemoCommand : NemoSessionCmdlet
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Also delete the anonymous tokens stored for later sessions (~/.config/nemovideo/anonymous_tokens.json).</summary>
        [Parameter]
        public SwitchParameter Forget { get; set; }

        protected override void EndProcessing() =>
            Execute(() => new DisconnectHandler(ConnectionScope, Session, PassThru, Forget).ExecuteAsync);
    }
}

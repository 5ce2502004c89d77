using System.Management.Automation;
using NemoVideo.Client;
using NemoVideo.Module.Handlers;

namespace NemoVideo.Module.Commands
{
    /// <summary>Gets the account's credit balance: available, frozen (held by running work) and total.</summary>
    [Cmdlet(VerbsCommon.Get, "NemoCredit")]
    [OutputType(typeof(NemoCredit))]
    public sealed class GetNemoCreditCommand : NemoSessionCmdlet
    {
        protected override void EndProcessing() => Execute(() => new CreditHandler(Connections).ExecuteAsync);
    }
}

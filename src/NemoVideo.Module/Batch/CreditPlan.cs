using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using NemoVideo.Client;
using NemoVideo.Module.Engine;

namespace NemoVideo.Module.Batch
{
    /// <summary>
    /// What a Compress-NemoVideo batch is expected to cost, and the stop once the credits run out. The contract's figure
    /// is about 50 credits an edited session (one instruction per file); export is free. A service whose balance reads
    /// as practically unlimited (the local server without --credits) is taken not to charge.
    /// </summary>
    internal sealed class CreditPlan
    {
        /// <summary>The contract's "editing about 50 a session".</summary>
        public const int CreditsPerFile = 50;

        private const decimal PracticallyUnlimited = 100_000_000m;

        private NemoException? exhausted;

        /// <summary>"about 150 credits (3 files × about 50)", or null when the service does not charge or the balance could not be read.</summary>
        public string? Estimate { get; private set; }

        public bool Stopped => Volatile.Read(ref exhausted) != null;

        /// <summary>Reads the balance and says what <paramref name="files"/> files are expected to cost (Verbose and Information).</summary>
        public static async Task<CreditPlan> ReadAsync(INemoClient client, int files, ICommandHost host, CancellationToken cancellationToken)
        {
            var plan = new CreditPlan();
            if (files == 0)
            {
                return plan;
            }

            NemoCredit credit;
            try
            {
                credit = await client.GetCreditsAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (NemoException error)
            {
                host.WriteVerbose($"Could not read the credit balance before the batch ({error.ErrorId}); going on without an estimate.");
                return plan;
            }

            if (credit.Available >= PracticallyUnlimited)
            {
                host.WriteVerbose("This service does not charge for edits (its balance is unlimited).");
                return plan;
            }

            var cost = files * CreditsPerFile;
            plan.Estimate = string.Format(CultureInfo.InvariantCulture, "about {0} credits ({1} file(s) × about {2})", cost, files, CreditsPerFile);
            var message = string.Format(
                CultureInfo.InvariantCulture,
                "Compressing {0} file(s) is expected to cost {1}; {2:0.##} credits are available.",
                files,
                plan.Estimate,
                credit.Available);
            host.WriteVerbose(message);
            host.WriteInformation(message, "NemoVideo.Credits");
            if (credit.Available < cost)
            {
                var affordable = (int)Math.Floor(credit.Available / CreditsPerFile);
                host.WriteWarning(string.Format(
                    CultureInfo.InvariantCulture,
                    "The {0:0.##} credits available cover about {1} of the {2} files; the batch stops starting new files when they run out (Get-NemoCredit shows the balance).",
                    credit.Available,
                    affordable,
                    files));
            }

            return plan;
        }

        /// <summary>Remembers the first out-of-credits (or anonymous-token quota) failure; from then on no new file starts.</summary>
        public void Note(Exception failure)
        {
            // The anonymous-token quota stops the batch the same way: every new file would need a token that cannot be had.
            if (failure is NemoException { ErrorId: NemoErrorIds.CreditsExhausted or NemoErrorIds.AuthAnonymousTokenQuota } nemo)
            {
                Interlocked.CompareExchange(ref exhausted, nemo, null);
            }
        }

        /// <summary>
        /// Null while the batch may go on; else the error for a file whose instruction is not sent because the credits
        /// (or the anonymous token) ran out for another file meanwhile. What the file has done so far stays in the journal.
        /// </summary>
        public NemoException? InstructionStopped(string input)
        {
            var reason = Volatile.Read(ref exhausted);
            if (reason is null)
            {
                return null;
            }

            var noToken = reason.ErrorId == NemoErrorIds.AuthAnonymousTokenQuota;
            return new NemoException(
                noToken ? ModuleErrorIds.CompressNotStartedNoToken : ModuleErrorIds.CompressNotStartedNoCredits,
                NemoErrorCategory.QuotaExceeded,
                $"The instruction was not sent: {(noToken ? "the service refused a new anonymous token" : "the credits ran out")} earlier in this batch ({reason.Message.TrimEnd('.')}). The upload is kept; a rerun continues from it.",
                reason.RecommendedAction,
                input);
        }

        /// <summary>The error for a file not started because the credits ran out, with the same advice (register or top up).</summary>
        public CommandError NotStarted(string input) =>
            ErrorMapper.Create(
                Volatile.Read(ref exhausted)!.ErrorId == NemoErrorIds.AuthAnonymousTokenQuota ? ModuleErrorIds.CompressNotStartedNoToken : ModuleErrorIds.CompressNotStartedNoCredits,
                System.Management.Automation.ErrorCategory.QuotaExceeded,
                input,
                Volatile.Read(ref exhausted)!.ErrorId == NemoErrorIds.AuthAnonymousTokenQuota
                    ? $"Not started: the service refused a new anonymous token earlier in this batch ({Volatile.Read(ref exhausted)!.Message.TrimEnd('.')}). Files already done are kept."
                    : $"Not started: the credits ran out earlier in this batch ({Volatile.Read(ref exhausted)!.Message.TrimEnd('.')}). Files already done are kept.",
                Volatile.Read(ref exhausted)!.RecommendedAction);
    }
}

using System;
using System.Threading;
using System.Threading.Tasks;

namespace NemoVideo.Client
{
    /// <summary>
    /// Finds out what an instruction did when its stream cannot say (it broke, or closed with no text): read the state
    /// until it differs from the state before, then until it holds still, because some edits land in two stages
    /// (raw result, then music and title). Bounded by the attempt count, and ended early where the service says no
    /// instruction runs in the session (<see cref="NemoState.AgentBusy"/> false, as the local server does) and the
    /// state is still the one before: a restarted server drops the instruction it was running, and waiting out the
    /// bound (3 minutes by default) held a batch's slot for nothing. Never re-sends the instruction.
    /// </summary>
    internal sealed class StateRecovery
    {
        /// <summary>Reads in a row that must show nothing running and nothing changed: an instruction still on its way
        /// to the service when the first was read is not taken for one that will never run.</summary>
        internal const int IdleReadsToGiveUp = 2;

        /// <summary>Reads in a row that fail for a reason that may pass (each already retried by the transport) before the
        /// service counts as unreachable: the state from before is returned then, and the caller says the outcome is
        /// unknown. A reviewer's killed server kept the command polling 7.4 minutes for a generic connection error.</summary>
        internal const int FailedReadsToGiveUp = 3;

        private readonly StateOperations states;
        private readonly TimeProvider time;
        private readonly TimeSpan interval;
        private readonly int attempts;

        public StateRecovery(StateOperations states, TimeProvider time, TimeSpan interval, int attempts)
        {
            this.states = states;
            this.time = time;
            this.interval = interval;
            this.attempts = attempts;
        }

        /// <summary>The latest state read: changed and settled, or the last one read when the bound ran out or the service
        /// stopped answering (then with <see cref="NemoState.AgentBusy"/> unknown).</summary>
        public async Task<NemoState> WaitForChangeAsync(NemoSession session, NemoState before, CancellationToken cancellationToken)
        {
            var latest = before;
            var changed = false;
            var idleReads = 0;
            var failedReads = 0;
            for (var attempt = 0; attempt < attempts; attempt++)
            {
                await time.Delay(interval, cancellationToken).ConfigureAwait(false);
                NemoState current;
                try
                {
                    current = await states.GetAsync(session, cancellationToken).ConfigureAwait(false);
                }
                catch (NemoException error) when (Transience.IsTransient(error))
                {
                    // A read that failed is read again at the next interval: it never re-sends anything.
                    if (++failedReads == FailedReadsToGiveUp || attempt == attempts - 1)
                    {
                        // Whether anything still runs is not known now, whatever the last state read said.
                        return latest with { AgentBusy = null };
                    }

                    continue;
                }

                failedReads = 0;

                if (SameDraft(current, latest))
                {
                    if (changed)
                    {
                        return current;
                    }

                    idleReads = current.AgentBusy == false ? idleReads + 1 : 0;
                    if (idleReads == IdleReadsToGiveUp)
                    {
                        return current;
                    }

                    continue;
                }

                changed = true;
                latest = current;
            }

            return latest;
        }

        private static bool SameDraft(NemoState left, NemoState right) =>
            string.Equals(left.Draft?.RawJson, right.Draft?.RawJson, StringComparison.Ordinal);
    }
}

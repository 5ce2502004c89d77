using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace NemoVideo.Client
{
    /// <summary>
    /// Sends one instruction over /run_sse and reads the events. It is never sent twice: it runs and is charged on the
    /// service whatever happens to the stream, so a broken or silent stream is resolved by reading the state instead.
    /// </summary>
    internal sealed class InstructionRunner
    {
        private readonly ApiTransport transport;
        private readonly StateOperations states;
        private readonly StateRecovery recovery;

        public InstructionRunner(ApiTransport transport, StateOperations states)
        {
            this.transport = transport;
            this.states = states;
            var options = transport.Options;
            recovery = new StateRecovery(states, transport.Time, options.StateRecoveryInterval, options.StateRecoveryAttempts);
        }

        public async Task<InstructionResult> RunAsync(NemoSession session, string text, IProgress<InstructionProgress>? progress, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                throw Failure.Of(
                    NemoErrorIds.InstructionEmpty,
                    NemoErrorCategory.InvalidArgument,
                    "The instruction is empty.",
                    "Say what to do with the video, e.g. \"compress this video to under 50MB\".",
                    session.SessionId);
            }

            var time = transport.Time;
            var started = time.GetTimestamp();
            // The state before is what "what changed" is measured against; reading it also proves the session exists.
            var before = await states.GetAsync(session, cancellationToken).ConfigureAwait(false);
            var assembler = new ReplyAssembler(transport.Context(session.SessionId));
            var dropped = await SendOnceAsync(session, text, before, assembler, progress, started, cancellationToken).ConfigureAwait(false);

            NemoState after;
            if (dropped || assembler.Reply.Length == 0)
            {
                progress?.Report(new InstructionProgress(InstructionProgressKind.Recovering, null, time.GetElapsedTime(started)));
                transport.Log.Verbose(
                    (dropped ? "the stream broke" : "no reply text")
                    + (assembler.StateChanged ? " after the agent reported a state change" : string.Empty)
                    + "; reading the state to see what the instruction did");
                after = await recovery.WaitForChangeAsync(session, before, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                after = await states.GetAsync(session, cancellationToken).ConfigureAwait(false);
            }

            return new InstructionResult(
                session.SessionId,
                assembler.Reply,
                assembler.ToolCalls,
                TimelineDiff.Compare(before.Draft, after.Draft),
                GuiPhraseMapper.Map(assembler.Reply),
                dropped,
                time.GetElapsedTime(started))
            {
                AgentBusy = after.AgentBusy,
            };
        }

        /// <summary>
        /// Sends the instruction and reads the stream; true when the stream broke (or never opened) after the service may
        /// have started the work. A 503 or 429 refusal is answered before any work, but the state is still read before
        /// sending again: if it changed, the instruction ran after all and is not sent a second time.
        /// </summary>
        private async Task<bool> SendOnceAsync(
            NemoSession session,
            string text,
            NemoState before,
            ReplyAssembler assembler,
            IProgress<InstructionProgress>? progress,
            long started,
            CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await StreamAsync(session, text, assembler, progress, started, cancellationToken).ConfigureAwait(false);
                }
                catch (NemoException error) when (error.ErrorId == NemoErrorIds.ApiConnectionFailed)
                {
                    // The request may have reached the agent: find out from the state, never by sending it again.
                    transport.Log.Verbose($"the instruction could not be confirmed sent ({error.Message}); reading the state instead of sending it again");
                    return true;
                }
                catch (NemoException error) when (Transience.IsRefusal(error) && attempt < Transience.CheckedAttempts)
                {
                    await transport.Time.Delay(Transience.Delay(attempt - 1), cancellationToken).ConfigureAwait(false);
                    var now = await states.GetAsync(session, cancellationToken).ConfigureAwait(false);
                    if (!string.Equals(now.Draft?.RawJson, before.Draft?.RawJson, StringComparison.Ordinal))
                    {
                        transport.Log.Verbose($"the service refused the instruction ({error.Message}) yet the state changed; not sending it again");
                        return true;
                    }

                    transport.Log.Verbose($"the service refused the instruction before running it ({error.Message}); the state is unchanged, so sending it now");
                }
            }
        }

        /// <summary>Reads the stream to its end; true when it broke first.</summary>
        private async Task<bool> StreamAsync(
            NemoSession session,
            string text,
            ReplyAssembler assembler,
            IProgress<InstructionProgress>? progress,
            long started,
            CancellationToken cancellationToken)
        {
            var options = transport.Options;
            var time = transport.Time;
            using var limits = new StreamLimits(time, options.InstructionTotalTimeout, options.InstructionIdleTimeout, cancellationToken);
            var body = new
            {
                app_name = "nemo_agent",
                user_id = "me",
                session_id = session.SessionId,
                new_message = new { role = "user", parts = new[] { new { text } } },
            };
            var call = new ApiCall(
                HttpMethod.Post,
                "run_sse",
                Idempotent: false,
                session.SessionId,
                () => JsonContent.From(body),
                Configure: request => request.Headers.Accept.ParseAdd("text/event-stream"));
            var signals = new List<AgentSignal>();
            try
            {
                HttpResponseMessage opened;
                try
                {
                    opened = await transport.OpenStreamAsync(call, limits.Token).ConfigureAwait(false);
                }
                catch (NemoException refused)
                {
                    // Answered to the request itself, before any stream: a caller can tell it was not applied.
                    throw InstructionRefusal.MarkIfAnsweredBeforeWork(refused);
                }

                using var response = opened;
                using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                var reader = new SseReader(stream);
                try
                {
                    while (await reader.ReadAsync(limits.Token).ConfigureAwait(false) is SseMessage message)
                    {
                        signals.Clear();
                        var meaningful = assembler.Accept(message, signals);
                        if (meaningful)
                        {
                            limits.ResetIdle();
                        }
                        else
                        {
                            progress?.Report(new InstructionProgress(InstructionProgressKind.Heartbeat, null, time.GetElapsedTime(started)));
                        }

                        foreach (var signal in signals)
                        {
                            progress?.Report(new InstructionProgress(signal.Kind, signal.Text, time.GetElapsedTime(started)));
                        }
                    }
                }
                catch (Exception error) when ((error is IOException || error is HttpRequestException) && limits.Expired is null)
                {
                    transport.Log.Verbose($"the instruction stream broke: {error.Message}");
                    return true;
                }
            }
            catch (Exception error) when (limits.Expired is StreamLimit limit && !cancellationToken.IsCancellationRequested && !(error is NemoException))
            {
                throw LimitError(limit, session, error);
            }

            return false;
        }

        private NemoException LimitError(StreamLimit limit, NemoSession session, Exception error)
        {
            var options = transport.Options;
            var (id, what) = limit == StreamLimit.Total
                ? (NemoErrorIds.InstructionTimeout, $"The instruction did not finish within {options.InstructionTotalTimeout.TotalMinutes:0} minutes.")
                : (NemoErrorIds.InstructionIdleTimeout, $"The agent sent nothing but heartbeats for {options.InstructionIdleTimeout.TotalMinutes:0} minutes.");
            const string action = "It may still finish on the service: check Get-NemoState before sending it again, since a repeat is charged again.";
            return Failure.Of(id, NemoErrorCategory.OperationTimeout, what, action, session.SessionId, inner: error);
        }
    }
}

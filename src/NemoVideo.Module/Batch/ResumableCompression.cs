using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using NemoVideo.Client;
using NemoVideo.Module.Engine;
using NemoVideo.Module.Handlers;

namespace NemoVideo.Module.Batch
{
    /// <summary>
    /// One file of Compress-NemoVideo, step by step, each step written to the journal: session → upload → instruction →
    /// render → download. Resumed from its journal entry, it skips what is done: no second upload of a stored file, no
    /// second instruction once the state shows the first applied, and a render submitted earlier is waited for and
    /// downloaded rather than submitted again.
    /// </summary>
    internal sealed class ResumableCompression
    {
        /// <summary>
        /// How long after an instruction was sent a rerun waits for the state to show it before concluding it never ran:
        /// the contract's limit for one instruction (15 minutes). Sending it again any sooner could pay twice for an
        /// instruction the service is still working on. A service that says no instruction is running in the session
        /// (<see cref="NemoState.AgentBusy"/> false, as the local server does) ends the wait at once.
        /// </summary>
        public static readonly TimeSpan InstructionSettleTime = TimeSpan.FromMinutes(15);

        private static readonly TimeSpan StatePollInterval = TimeSpan.FromSeconds(3);

        /// <summary>Sends of one instruction in one run: a second only when the state proved the first never took effect.</summary>
        private const int SendsPerRun = 2;

        /// <summary>This file's sends in this run, across its continuations after transient errors (the instance is one
        /// file's run), so a flapping server cannot make the limit start over.</summary>
        private int sendsThisRun;

        private readonly INemoClient client;
        private readonly BatchJournal journal;
        private readonly ICommandHost host;
        private readonly TimeProvider clock;
        private readonly string language;
        private readonly string api;
        private readonly CreditPlan? credits;

        /// <param name="api">The service's address, so a journal entry made against another service is not continued here.</param>
        /// <param name="credits">The batch's credit stop: once another file ran out, this one sends no instruction.</param>
        public ResumableCompression(INemoClient client, string api, BatchJournal journal, ICommandHost host, TimeProvider clock, string language, CreditPlan? credits = null)
        {
            this.credits = credits;
            this.api = api;
            this.client = client;
            this.journal = journal;
            this.host = host;
            this.clock = clock;
            this.language = language;
        }

        /// <returns>The downloaded output.</returns>
        public async Task<DownloadResult> RunAsync(string input, string output, string instruction, bool overwrite, StepProgress step, CancellationToken cancellationToken)
        {
            var removed = StalePartials.Remove(output);
            if (removed > 0)
            {
                host.WriteVerbose($"{Path.GetFileName(input)}: removed {removed} unfinished download(s) of {output} left by an interrupted run.");
            }

            var entry = journal.Begin(input, api, instruction);
            if (entry.SessionId is null)
            {
                return await FromStartAsync(entry, input, output, instruction, overwrite, step, cancellationToken).ConfigureAwait(false);
            }

            host.WriteVerbose($"{Path.GetFileName(input)}: continuing in session {entry.SessionId} from the journal ({Describe(entry)}).");
            try
            {
                var session = client.ResumeSession(entry.SessionId, entry.TaskId, language);
                return await ContinueAsync(entry, session, resumed: true, input, output, instruction, overwrite, step, cancellationToken).ConfigureAwait(false);
            }
            catch (NemoException error) when (error.ErrorId == NemoErrorIds.SessionNotFound)
            {
                // The service let the session expire: nothing in it can be continued, so the file starts over.
                host.WriteVerbose($"{Path.GetFileName(input)}: session {entry.SessionId} has expired on the service; starting this file over.");
                journal.Remove(input);
                entry = journal.Begin(input, api, instruction);
                return await FromStartAsync(entry, input, output, instruction, overwrite, step, cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<DownloadResult> FromStartAsync(
            JournalEntry entry, string input, string output, string instruction, bool overwrite, StepProgress step, CancellationToken cancellationToken)
        {
            step.Stage("Opening a session");
            var session = await client.CreateSessionAsync(language, cancellationToken).ConfigureAwait(false);
            entry.SessionId = session.SessionId;
            entry.TaskId = session.TaskId;
            journal.Save();
            return await ContinueAsync(entry, session, resumed: false, input, output, instruction, overwrite, step, cancellationToken).ConfigureAwait(false);
        }

        private async Task<DownloadResult> ContinueAsync(
            JournalEntry entry, NemoSession session, bool resumed, string input, string output, string instruction, bool overwrite, StepProgress step, CancellationToken cancellationToken)
        {
            if (!entry.Uploaded)
            {
                // A resumed upload may have been stored before the answer was lost: the state says.
                if (!(resumed && StateFacts.ListsFile(await client.GetStateAsync(session, cancellationToken).ConfigureAwait(false), input)))
                {
                    IReadOnlyList<NemoMedia> stored;
                    try
                    {
                        stored = await client.UploadFileAsync(session, input, step.ForUpload(), cancellationToken).ConfigureAwait(false);
                    }
                    catch (NemoException tooLarge) when (tooLarge.ErrorId == NemoErrorIds.UploadFileTooLarge)
                    {
                        throw UploadTooLarge.ForCompression(tooLarge, input);
                    }

                    // The service took the file, but as audio or a picture (the hosted service edits those): there is no
                    // video to compress, so nothing more is paid for, and a rerun starts this file afresh.
                    foreach (var media in stored)
                    {
                        if (MediaRefusal.ForCompressionByMediaType(input, media.MediaType) is NemoException notVideo)
                        {
                            journal.Remove(input);
                            throw notVideo;
                        }
                    }
                }

                entry.Uploaded = true;
                journal.Save();
            }

            if (!entry.InstructionApplied)
            {
                await InstructOnceAsync(entry, session, input, instruction, step, cancellationToken).ConfigureAwait(false);
            }

            return await RenderAndDownloadAsync(entry, session, output, overwrite, step, cancellationToken).ConfigureAwait(false);
        }

        private async Task InstructOnceAsync(JournalEntry entry, NemoSession session, string input, string instruction, StepProgress step, CancellationToken cancellationToken)
        {
            if (entry.DraftBeforeInstruction != null && await ShowsAppliedAsync(entry, session, cancellationToken).ConfigureAwait(false))
            {
                host.WriteVerbose($"{Path.GetFileName(input)}: the state shows the instruction applied by an earlier run; not sending it again.");
            }
            else
            {
                while (!await SendAsync(entry, session, input, instruction, step, cancellationToken).ConfigureAwait(false))
                {
                    if (sendsThisRun < SendsPerRun)
                    {
                        host.WriteVerbose($"{Path.GetFileName(input)}: the connection broke while the instruction ran, and the session shows it never took "
                            + $"effect (no change, nothing running in session {session.SessionId}); sending it once more.");
                    }
                }
            }

            entry.InstructionApplied = true;
            journal.Save();
        }

        /// <summary>
        /// Sends the instruction once. True when it was applied; false when its stream broke and the state then showed it
        /// never took effect (unchanged, with the service saying nothing runs, or after <see cref="InstructionSettleTime"/>):
        /// rendering then would give a file that ignores the request. A server restarted mid-instruction drops the turn
        /// uncharged, and that is how a batch through a restarted API node rendered one clip unedited.
        /// </summary>
        private async Task<bool> SendAsync(JournalEntry entry, NemoSession session, string input, string instruction, StepProgress step, CancellationToken cancellationToken)
        {
            var before = await client.GetStateAsync(session, cancellationToken).ConfigureAwait(false);
            if (credits?.InstructionStopped(input) is NemoException stopped)
            {
                throw stopped;
            }

            if (sendsThisRun == SendsPerRun)
            {
                throw new NemoException(
                    ModuleErrorIds.CompressInstructionLost,
                    NemoErrorCategory.ConnectionError,
                    $"{Path.GetFileName(input)} was not compressed: the connection broke {SendsPerRun} times while the service ran \"{instruction}\", "
                    + "and each time the session showed nothing applied and nothing running afterwards. Nothing was rendered.",
                    "Check that the service stays reachable and run Compress-NemoVideo again: it continues this file in the same session "
                    + "and sends the instruction only after the state shows it did not run.",
                    input);
            }

            sendsThisRun++;
            entry.DraftBeforeInstruction = Digest(before);
            entry.InstructionSentAt = clock.GetUtcNow();
            journal.Save();
            host.WriteVerbose($"{Path.GetFileName(input)}: \"{instruction}\" (session {session.SessionId})");
            InstructionResult result;
            try
            {
                result = await client.SendInstructionAsync(session, instruction, step.ForInstruction(), cancellationToken).ConfigureAwait(false);
            }
            catch (NemoException refused) when (InstructionRefusal.NotApplied(refused))
            {
                // Answered before any work (2001, or a refusal of the request itself): nothing was applied or paid
                // for, so a rerun must not wait for it to show, and no other file of this batch sends one now.
                credits?.Note(refused);
                sendsThisRun--;
                Unsent(entry);
                throw;
            }

            if (result.Changes.Count > 0)
            {
                return true;
            }

            if (result.StreamDropped)
            {
                return await ShowsAppliedAsync(entry, session, cancellationToken).ConfigureAwait(false);
            }

            // Declined (a ceiling too small to meet, a trim with nothing in it): rendering the unchanged timeline would
            // give a file that ignores the request. Nothing was applied, so a rerun sends it again rather than wait for it.
            Unsent(entry);
            throw new NemoException(
                ModuleErrorIds.CompressInstructionNotApplied,
                NemoErrorCategory.InvalidArgument,
                $"{Path.GetFileName(input)} was not compressed: the service did not apply \"{instruction}\". Its reply: {result.Reply.Trim()}",
                "Change what the reply points at (for example a larger -MaxSize) and run Compress-NemoVideo again; nothing was rendered.",
                input);
        }

        private void Unsent(JournalEntry entry)
        {
            entry.DraftBeforeInstruction = null;
            entry.InstructionSentAt = null;
            journal.Save();
        }

        /// <summary>
        /// Polls the state until its draft differs from the one before the instruction: true. False once the service
        /// says nothing is running in the session, or the settle time after sending has passed, with the draft unchanged.
        /// </summary>
        private async Task<bool> ShowsAppliedAsync(JournalEntry entry, NemoSession session, CancellationToken cancellationToken)
        {
            var until = (entry.InstructionSentAt ?? clock.GetUtcNow()) + InstructionSettleTime;
            var announced = false;
            while (true)
            {
                var state = await client.GetStateAsync(session, cancellationToken).ConfigureAwait(false);
                if (Digest(state) != entry.DraftBeforeInstruction)
                {
                    return true;
                }

                if (state.AgentBusy == false || clock.GetUtcNow() >= until)
                {
                    return false;
                }

                if (!announced)
                {
                    announced = true;
                    host.WriteVerbose($"session {session.SessionId}: the instruction sent at {entry.InstructionSentAt:u} may still be running; waiting for the state to show it (until {until:u}) rather than sending it again.");
                }

                await clock.Delay(StatePollInterval, cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<DownloadResult> RenderAndDownloadAsync(JournalEntry entry, NemoSession session, string output, bool overwrite, StepProgress step, CancellationToken cancellationToken)
        {
            if (entry.RenderId != null)
            {
                try
                {
                    // A rerun is a new run: if the earlier render failed, it earns this run's one resubmission. The error
                    // that ended the earlier run told the user to run again, so refusing here would leave the file stuck.
                    var earlier = await RenderSteps.ResumeAsync(client, session, entry.RenderId, step, cancellationToken).ConfigureAwait(false);
                    return await RenderSteps.WaitAndDownloadAsync(client, session, earlier, output, overwrite, step, cancellationToken, id => Resubmitted(entry, id)).ConfigureAwait(false);
                }
                catch (NemoException error) when (error.HttpStatus == 404 || error.HttpStatus == 410 || error.ErrorId == NemoErrorIds.ApiGone)
                {
                    // Renders are free: one the service no longer knows (or whose output it dropped) is simply made again.
                    host.WriteVerbose($"render {entry.RenderId} is no longer available ({error.ErrorId}); exporting again.");
                }
            }

            var job = await RenderSteps.SubmitAsync(client, session, step, cancellationToken).ConfigureAwait(false);
            entry.RenderId = job.Id;
            journal.Save();
            return await RenderSteps.WaitAndDownloadAsync(client, session, job, output, overwrite, step, cancellationToken, id => Resubmitted(entry, id)).ConfigureAwait(false);
        }

        /// <summary>The one resubmission replaces the failed render in the journal, so a rerun waits for the latest render.</summary>
        private void Resubmitted(JournalEntry entry, string renderId)
        {
            entry.RenderId = renderId;
            journal.Save();
        }

        private static string Digest(NemoState state)
        {
            using var sha = SHA256.Create();
            return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(state.Draft?.RawJson ?? string.Empty)));
        }

        private static string Describe(JournalEntry entry) =>
            entry.RenderId != null ? $"render {entry.RenderId} submitted"
            : entry.InstructionApplied ? "instruction applied"
            : entry.DraftBeforeInstruction != null ? "instruction sent, outcome unknown"
            : entry.Uploaded ? "uploaded"
            : "session opened";
    }

    /// <summary>What a session's state says about its files.</summary>
    internal static class StateFacts
    {
        /// <summary>True when <c>video_infos</c> lists a media named like <paramref name="input"/> (and of its size, where given).</summary>
        public static bool ListsFile(NemoState state, string input)
        {
            var file = new FileInfo(input);
            var length = RealPath.FileOf(input).Length;
            using var document = JsonDocument.Parse(state.RawJson);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("video_infos", out var infos)
                || infos.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            foreach (var media in infos.EnumerateArray())
            {
                if (media.ValueKind == JsonValueKind.Object
                    && media.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() == file.Name
                    && (!media.TryGetProperty("size", out var size) || size.ValueKind != JsonValueKind.Number || size.GetInt64() == length))
                {
                    return true;
                }
            }

            return false;
        }
    }
}

using System;

namespace NemoVideo.Module.Batch
{
    /// <summary>
    /// Where one file of a Compress-NemoVideo batch stands on the service. Each step is written down as soon as it is
    /// done (or, for the instruction, just before it is sent), so a rerun after an interruption knows what was paid for.
    /// </summary>
    public sealed class JournalEntry
    {
        /// <summary>The source's full path; the journal's key.</summary>
        public string Input { get; set; } = string.Empty;

        /// <summary>Size and last write time of the source when the entry was made: a changed file starts over.</summary>
        public long InputLength { get; set; }

        public long InputModifiedTicks { get; set; }

        /// <summary>The instruction and API the entry was made for: other settings or another service start over.</summary>
        public string Instruction { get; set; } = string.Empty;

        public string Api { get; set; } = string.Empty;

        public string? SessionId { get; set; }

        public string? TaskId { get; set; }

        /// <summary>The service answered the upload (or its state lists the file).</summary>
        public bool Uploaded { get; set; }

        /// <summary>
        /// Set just before the instruction is sent: a digest of the draft before it, and when. A rerun that finds it set
        /// but <see cref="InstructionApplied"/> not set reads the state: a changed draft means it ran and was paid for.
        /// </summary>
        public string? DraftBeforeInstruction { get; set; }

        public DateTimeOffset? InstructionSentAt { get; set; }

        public bool InstructionApplied { get; set; }

        /// <summary>
        /// The latest render submitted for this file, including the one resubmission; a rerun waits for it (it may have
        /// finished meanwhile) before submitting another.
        /// </summary>
        public string? RenderId { get; set; }

        /// <summary>The same source on the same service: what was uploaded there is this file.</summary>
        public bool SameSource(string api, long length, long modifiedTicks) =>
            string.Equals(Api, api, StringComparison.OrdinalIgnoreCase)
            && InputLength == length
            && InputModifiedTicks == modifiedTicks;

        /// <summary>No instruction was applied, none is unaccounted for (sent with its outcome unknown), and nothing was
        /// rendered: the session holds only the upload, which any instruction can use.</summary>
        public bool NothingInstructed => DraftBeforeInstruction == null && !InstructionApplied && RenderId == null;
    }
}

using System.Collections.Generic;

namespace NemoVideo.Module.Commands
{
    /// <summary>
    /// The distinct records that came down the pipeline, in order. Several media of one session (Send-NemoVideo's
    /// output) must mean one instruction or one export, not one per media; a render piped twice is downloaded once.
    /// </summary>
    internal sealed class PipelineRecords<T>
    {
        private readonly List<T> records = new List<T>();

        public void Add(T record)
        {
            if (!records.Contains(record))
            {
                records.Add(record);
            }
        }

        /// <summary>
        /// Empty only when the command was piped to and nothing came (the upstream command failed for every item): then
        /// it must do nothing, not fall back to the connection's session — that would instruct or export a video the
        /// user never sent. A command not piped to always gets one record: ProcessRecord runs once with its parameters.
        /// </summary>
        public IReadOnlyList<T> ToList() => records.ToArray();

        public bool IsEmpty => records.Count == 0;
    }
}

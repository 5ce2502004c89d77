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

        /// <param name="whenEmpty">What the command works on when nothing was piped (the connection's session).</param>
        public IReadOnlyList<T> ToList(T whenEmpty) => records.Count == 0 ? new[] { whenEmpty } : records.ToArray();
    }
}

namespace NemoVideo.Module
{
    public enum CompressionStatus
    {
        Compressed,
        /// <summary>
        /// The output was made and kept (it was paid for) but is larger than the ceiling: the service could not or would
        /// not reach it. The warning Nemo.Compress.OverBudget says by how much; -Force makes a new try.
        /// </summary>
        OverBudget,
        /// <summary>The output already existed and -Force was not given: a rerun resumes where the last one stopped.</summary>
        Skipped,
        Failed,
    }

    /// <summary>One file of Compress-NemoVideo: what went in, what came out, and how much smaller it is.</summary>
    public sealed class NemoCompressionResult
    {
        public NemoCompressionResult(string input, string output, long inputSize, long? outputSize, CompressionStatus status)
        {
            Input = input;
            Output = output;
            InputSize = inputSize;
            OutputSize = outputSize;
            Status = status;
        }

        public string Input { get; }

        public string Output { get; }

        public long InputSize { get; }

        public long? OutputSize { get; }

        /// <summary>Output size over input size (0.25 = a quarter of the original); null when there is no output.</summary>
        public double? Ratio => OutputSize.HasValue && InputSize > 0 ? (double)OutputSize.Value / InputSize : (double?)null;

        public CompressionStatus Status { get; }

        /// <summary>
        /// What the service says about this output: which of several video streams it encoded, that a recording could be
        /// read only in part, a cover picture not carried over, how the resolution was chosen. Empty when it says nothing
        /// (the hosted service, or a file that was skipped or failed). The ones that mean the output lacks something the
        /// source has are also written as warnings.
        /// </summary>
        public string[] Notes { get; internal set; } = new string[0];
    }
}

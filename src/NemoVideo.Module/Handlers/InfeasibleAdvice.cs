using NemoVideo.Client;

namespace NemoVideo.Module.Handlers
{
    /// <summary>
    /// What Compress-NemoVideo's user can do about a ceiling the engine refused (Nemo.Compression.Infeasible). The engine's
    /// reason names a larger size, a shorter clip or no sound, but Compress-NemoVideo has no parameter that trims: keeping
    /// part of a clip is a session's instruction, so the advice names the commands that carry it.
    /// </summary>
    internal static class InfeasibleAdvice
    {
        /// <returns>The same error with advice in this command's parameters; any other error as it is.</returns>
        public static NemoException For(NemoException refused, string input, bool noAudio, long maxSize)
        {
            if (refused.ErrorId != NemoErrorIds.CompressionInfeasible)
            {
                return refused;
            }

            var advice = "Pass a larger -MaxSize" + (noAudio ? string.Empty : ", or -NoAudio") + ". To keep only part of the clip, "
                + $"trim it in a session: Send-NemoVideo -LiteralPath '{input.Replace("'", "''")}' | Invoke-NemoInstruction "
                + $"'keep only the first 30 seconds and compress it to under {maxSize} bytes'; then Export-NemoVideo -Destination <folder>.";
            return new NemoException(refused.ErrorId, refused.Category, refused.Message, advice, refused.Target, refused.ApiCode, refused.HttpStatus, refused);
        }
    }
}

using NemoVideo.Client;

namespace NemoVideo.Module.Handlers
{
    /// <summary>
    /// What Compress-NemoVideo's user can do about a ceiling the engine refused (Nemo.Compression.Infeasible). The engine's
    /// reason names the least ceiling that fits the whole clip, but Compress-NemoVideo has no parameter that trims: keeping
    /// part of a clip is a session's instruction, so the advice names the commands that carry it, with this command's own
    /// settings (size, resolution, sound) in the instruction. The length is left for the user to choose: a fixed one (a
    /// reviewer got "the first 30 seconds" for a 10 s clip) keeps all of a short clip and too much of a long one.
    /// </summary>
    internal static class InfeasibleAdvice
    {
        /// <summary>Whether <paramref name="error"/> is a refusal this advice is for: the engine's at render, or the service
        /// declining Compress-NemoVideo's instruction, which carries only the ceiling, size and sound (the local server
        /// declines a ceiling its engine cannot meet there, before the edit is charged).</summary>
        public static bool Applies(NemoException error) =>
            error.ErrorId == NemoErrorIds.CompressionInfeasible || error.ErrorId == ModuleErrorIds.CompressInstructionNotApplied;

        /// <returns>The same error with advice in this command's parameters; any other error as it is.</returns>
        public static NemoException For(NemoException refused, string input, CompressRequest request)
        {
            if (!Applies(refused))
            {
                return refused;
            }

            var instruction = "Keep only the first <seconds> seconds. "
                + CompressionInstruction.Build(request.MaxSize, request.Resolution, request.NoAudio);
            var advice = "Pass a larger -MaxSize (the reason may name the least that fits the whole clip)" + (request.NoAudio ? string.Empty : ", or -NoAudio")
                + ". To keep only part of the clip, trim it in a session to a part short enough for the ceiling (about the clip's "
                + "length × -MaxSize ÷ that least size): "
                + $"Send-NemoVideo -LiteralPath '{input.Replace("'", "''")}' | Invoke-NemoInstruction '{instruction.Replace("'", "''")}'; "
                + "then Export-NemoVideo -Destination <folder>.";
            return new NemoException(refused.ErrorId, refused.Category, refused.Message, advice, refused.Target, refused.ApiCode, refused.HttpStatus, refused);
        }
    }
}

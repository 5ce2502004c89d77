using System.Text.RegularExpressions;

namespace NemoVideo.Client
{
    /// <summary>
    /// Whether an instruction asks something rather than asks for an edit. A question may rightly leave the timeline as
    /// it was; an edit request that changed nothing was not done (Invoke-NemoInstruction reports it as an error).
    /// </summary>
    public static class QuestionPhrase
    {
        private static readonly Regex Question = PhrasePattern.Create(
            @"[?？]\s*$"
            + @"|^\s*(what|how|which|why|when|where|who|whose|can|could|is|are|does|do|did|will|would|should|may|might|has|have)\b"
            + @"|吗\s*$|什么|多少|多长|多大|多久|怎么|为什么|哪|是否|能不能|可不可以|有没有");

        /// <summary>True for "how long is the video?", "what can you do", "视频多长？", "能不能压缩"; false for "compress to 10MB".</summary>
        public static bool IsQuestion(string? text) => !string.IsNullOrWhiteSpace(text) && Question.IsMatch(text);
    }
}

namespace NemoVideo.Client
{
    /// <summary>Joins server text into our sentences without doubled full stops ("failed: Too small.." ).</summary>
    internal static class Sentences
    {
        /// <summary>The text without its closing full stop(s) and blanks, to sit inside a sentence of ours; null stays null.</summary>
        public static string? Clause(string? text)
        {
            if (text is null)
            {
                return null;
            }

            var trimmed = text.Trim();
            while (trimmed.EndsWith(".", System.StringComparison.Ordinal) && !trimmed.EndsWith("...", System.StringComparison.Ordinal))
            {
                trimmed = trimmed.Substring(0, trimmed.Length - 1).TrimEnd();
            }

            return trimmed;
        }

        /// <summary>"What happened" and "what to do" as one text, never with a doubled full stop where server text met ours.</summary>
        public static string Join(string problem, string action) =>
            System.Text.RegularExpressions.Regex.Replace(problem + " " + action, @"(?<!\.)\.\.(?!\.)", ".");
    }
}

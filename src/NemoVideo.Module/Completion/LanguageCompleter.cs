using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace NemoVideo.Module.Completion
{
    /// <summary>Tab completion for -Language: the codes the agent is known to answer in. Others are still accepted.</summary>
    public sealed class LanguageCompleter : IArgumentCompleter
    {
        public static readonly IReadOnlyList<KeyValuePair<string, string>> Languages = new[]
        {
            new KeyValuePair<string, string>("en", "English"),
            new KeyValuePair<string, string>("zh", "Chinese"),
            new KeyValuePair<string, string>("ja", "Japanese"),
            new KeyValuePair<string, string>("ko", "Korean"),
            new KeyValuePair<string, string>("es", "Spanish"),
            new KeyValuePair<string, string>("fr", "French"),
            new KeyValuePair<string, string>("de", "German"),
            new KeyValuePair<string, string>("pt", "Portuguese"),
        };

        public static IEnumerable<string> Complete(string wordToComplete) =>
            Languages.Select(language => language.Key)
                .Where(code => code.StartsWith(wordToComplete ?? string.Empty, System.StringComparison.OrdinalIgnoreCase));

        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            Complete(wordToComplete).Select(code => new CompletionResult(
                code, code, CompletionResultType.ParameterValue, Languages.First(language => language.Key == code).Value));
    }
}

using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using NemoVideo.Client;

namespace NemoVideo.Module.Completion
{
    /// <summary>Tab completion for -Platform from the one upload-limit table (<see cref="UploadPlatforms"/>).</summary>
    public sealed class PlatformCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            UploadPlatforms.All
                .Where(platform => platform.Name.StartsWith(wordToComplete ?? string.Empty, System.StringComparison.OrdinalIgnoreCase))
                .Select(platform => new CompletionResult(platform.Name, platform.Name, CompletionResultType.ParameterValue, platform.ToString()));
    }

    /// <summary>-Platform takes only names from the table; the message lists them.</summary>
    public sealed class ValidatePlatformAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            if (UploadPlatforms.Find(arguments as string) == null)
            {
                throw new ValidationMetadataException(
                    $"'{arguments}' is not a platform this module knows. Use one of: {string.Join(", ", UploadPlatforms.All.Select(platform => platform.Name))}.");
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;

namespace NemoVideo.Module.Engine
{
    /// <summary>
    /// The real host: converts our records to the engine's and forwards them to the cmdlet. Deliberately trivial,
    /// because nothing here can be tested without a PowerShell runtime.
    /// </summary>
    internal sealed class CmdletCommandHost : ICommandHost
    {
        private readonly PSCmdlet cmdlet;

        public CmdletCommandHost(PSCmdlet cmdlet)
        {
            this.cmdlet = cmdlet;
        }

        public static ErrorRecord ToErrorRecord(CommandError error)
        {
            var record = new ErrorRecord(error.Exception, error.ErrorId, error.Category, error.TargetObject);
            if (error.RecommendedAction != null)
            {
                record.ErrorDetails = new ErrorDetails(error.Exception.Message) { RecommendedAction = error.RecommendedAction };
            }

            return record;
        }

        public void WriteObject(object value) => cmdlet.WriteObject(value);

        public void WriteError(CommandError error) => cmdlet.WriteError(ToErrorRecord(error));

        public void WriteProgress(ProgressInfo progress)
        {
            cmdlet.WriteProgress(new ProgressRecord(progress.ActivityId, progress.Activity, progress.StatusDescription)
            {
                ParentActivityId = progress.ParentActivityId,
                PercentComplete = progress.PercentComplete,
                SecondsRemaining = progress.SecondsRemaining,
                CurrentOperation = progress.CurrentOperation,
                RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            });
        }

        public void WriteVerbose(string text) => cmdlet.WriteVerbose(text);

        public void WriteDebug(string text) => cmdlet.WriteDebug(text);

        public void WriteWarning(string text) => cmdlet.WriteWarning(text);

        public void WriteInformation(string text, params string[] tags) => cmdlet.WriteInformation(text, tags);

        public bool ShouldProcess(string target, string action)
        {
            try
            {
                return cmdlet.ShouldProcess(target, action);
            }
            catch (Exception failure) when (ConfirmPrompt.CannotAsk(failure))
            {
                throw new CommandTerminatedException(ConfirmPrompt.Unavailable(target, failure));
            }
        }

        public IReadOnlyList<string> ResolvePath(string path, bool literal)
        {
            if (literal)
            {
                var full = GetUnresolvedPath(path);
                return File.Exists(full) || Directory.Exists(full) ? new[] { full } : new string[0];
            }

            try
            {
                var resolved = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out var provider);
                return provider.Name == "FileSystem" ? resolved.ToArray() : new string[0];
            }
            catch (ItemNotFoundException)
            {
                return new string[0];
            }
        }

        public string GetUnresolvedPath(string path) => cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
    }
}

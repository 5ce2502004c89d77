using System.Collections.Generic;

namespace NemoVideo.Module.Engine
{
    /// <summary>
    /// The one seam between the handlers and the PowerShell engine. Handlers only ever talk to this interface, so xunit
    /// drives them through a fake while the real cmdlets pass a <see cref="CmdletCommandHost"/>.
    /// </summary>
    public interface ICommandHost
    {
        void WriteObject(object value);

        /// <summary>A non-terminating error; terminating ones are thrown as <see cref="CommandTerminatedException"/>.</summary>
        void WriteError(CommandError error);

        void WriteProgress(ProgressInfo progress);

        void WriteVerbose(string text);

        void WriteDebug(string text);

        void WriteWarning(string text);

        void WriteInformation(string text, params string[] tags);

        /// <summary>
        /// PowerShell's -WhatIf/-Confirm question, answered by the host (the only prompt a command may show). There is
        /// deliberately no other way to ask: whether anyone can answer is the host's business, not the command's.
        /// </summary>
        bool ShouldProcess(string target, string action);

        /// <summary>
        /// File-system paths an argument stands for: wildcards expanded unless <paramref name="literal"/>. Empty when
        /// nothing matches, so the caller decides which error to raise.
        /// </summary>
        IReadOnlyList<string> ResolvePath(string path, bool literal);

        /// <summary>The provider path of a location that may not exist yet (an output file or folder).</summary>
        string GetUnresolvedPath(string path);
    }
}

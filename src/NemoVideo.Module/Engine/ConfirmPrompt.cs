using System;
using System.Management.Automation;
using System.Management.Automation.Host;
using NemoVideo.Module;

namespace NemoVideo.Module.Engine
{
    /// <summary>
    /// A -Confirm prompt the host cannot show: `pwsh -NonInteractive` refuses it (PSInvalidOperationException), a host
    /// without a UI does not implement it (HostException, PSNotImplementedException), and the console host with stdin
    /// at /dev/null fails inside it (NullReferenceException). No file can be confirmed, so the whole command ends with
    /// one stable error instead of an unexpected one.
    /// </summary>
    internal static class ConfirmPrompt
    {
        public static bool CannotAsk(Exception failure) =>
            failure is PSInvalidOperationException
            || failure is HostException
            || failure is PSNotImplementedException
            || failure is NotImplementedException
            || failure is NullReferenceException;

        public static CommandError Unavailable(string target, Exception failure) => new CommandError(
            ModuleErrorIds.ConfirmUnavailable,
            ErrorCategory.InvalidOperation,
            target,
            new InvalidOperationException(
                $"Cannot ask for confirmation: this PowerShell cannot prompt ({failure.Message}). Nothing was changed.", failure),
            "-Confirm needs an interactive PowerShell; run without -Confirm, or with -WhatIf to preview.");
    }
}

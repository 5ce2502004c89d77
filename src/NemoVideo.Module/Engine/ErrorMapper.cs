using System;
using System.IO;
using System.Management.Automation;
using NemoVideo.Client;

namespace NemoVideo.Module.Engine
{
    /// <summary>
    /// Turns what a handler caught into a <see cref="CommandError"/>, keeping the client's stable ids. The client's own
    /// target (the exact file, URL or render) is more precise than the item the caller was working on, so it wins.
    /// </summary>
    public static class ErrorMapper
    {
        public const string UnexpectedErrorId = "Nemo.Module.Unexpected";
        public const string FileSystemErrorId = "Nemo.Module.FileSystemError";

        /// <param name="targetWins">True to keep <paramref name="target"/> (the user's file) as TargetObject over the client's own target.</param>
        public static CommandError FromException(Exception exception, object? target, bool targetWins = false)
        {
            switch (exception)
            {
                case CommandTerminatedException terminated:
                    return terminated.Error;
                case NemoException nemo:
                    return new CommandError(nemo.ErrorId, ToCategory(nemo.Category), targetWins ? target ?? nemo.Target : nemo.Target ?? target, nemo, nemo.RecommendedAction);
                case UnauthorizedAccessException _:
                    return new CommandError(FileSystemErrorId, ErrorCategory.PermissionDenied, target, exception);
                case IOException _:
                    return new CommandError(FileSystemErrorId, ErrorCategory.WriteError, target, exception);
                default:
                    return new CommandError(UnexpectedErrorId, ErrorCategory.NotSpecified, target, exception);
            }
        }

        /// <summary>The client's categories carry PowerShell's names; a name PowerShell lacks becomes NotSpecified.</summary>
        public static ErrorCategory ToCategory(NemoErrorCategory category) =>
            Enum.TryParse(category.ToString(), out ErrorCategory mapped) ? mapped : ErrorCategory.NotSpecified;

        /// <summary>
        /// A module error. The message ends with what to do, as the client's errors do: PowerShell's default error view
        /// shows only the message, so advice kept in RecommendedAction alone would go unseen.
        /// </summary>
        public static CommandError Create(string errorId, ErrorCategory category, object? target, string message, string? recommendedAction = null) =>
            new CommandError(errorId, category, target, new InvalidOperationException(WithAdvice(message, recommendedAction)), recommendedAction);

        private static string WithAdvice(string message, string? advice)
        {
            if (string.IsNullOrWhiteSpace(advice) || message.IndexOf(advice!, StringComparison.Ordinal) >= 0)
            {
                return message;
            }

            var problem = message.TrimEnd();
            return (problem.EndsWith(".", StringComparison.Ordinal) || problem.EndsWith("?", StringComparison.Ordinal) || problem.EndsWith("!", StringComparison.Ordinal)
                ? problem : problem + ".") + " " + advice;
        }
    }
}

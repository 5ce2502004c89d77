using System.Collections.Concurrent;
using NemoVideo.Module.Engine;

namespace NemoVideo.Module.Tests.Fakes;

/// <summary>Records everything a handler tells the engine; answers questions as configured; resolves real files.</summary>
public sealed class FakeCommandHost : ICommandHost
{
    private readonly ConcurrentQueue<object> objects = new();
    private readonly ConcurrentQueue<CommandError> errors = new();
    private readonly ConcurrentQueue<ProgressInfo> progress = new();
    private readonly ConcurrentQueue<string> verbose = new();
    private readonly ConcurrentQueue<string> debug = new();
    private readonly ConcurrentQueue<string> warnings = new();
    private readonly ConcurrentQueue<(string Text, string[] Tags)> information = new();
    private readonly ConcurrentQueue<(string Target, string Action)> shouldProcessCalls = new();

    public FakeCommandHost(string? currentDirectory = null)
    {
        CurrentDirectory = currentDirectory ?? Directory.GetCurrentDirectory();
    }

    public string CurrentDirectory { get; }

    /// <summary>The answer ShouldProcess gives: false is -WhatIf or "No" at a -Confirm prompt.</summary>
    public bool ShouldProcessAnswer { get; set; } = true;

    public IReadOnlyList<object> Objects => objects.ToArray();

    public IReadOnlyList<CommandError> Errors => errors.ToArray();

    public IReadOnlyList<ProgressInfo> Progress => progress.ToArray();

    public IReadOnlyList<string> Verbose => verbose.ToArray();

    public IReadOnlyList<string> Debug => debug.ToArray();

    public IReadOnlyList<string> Warnings => warnings.ToArray();

    public IReadOnlyList<(string Text, string[] Tags)> Information => information.ToArray();

    public IReadOnlyList<(string Target, string Action)> ShouldProcessCalls => shouldProcessCalls.ToArray();

    public IEnumerable<T> ObjectsOf<T>() => Objects.OfType<T>();

    /// <summary>Every text the user could see, for checks that a secret never shows.</summary>
    public IEnumerable<string> AllText =>
        Verbose.Concat(Debug).Concat(Warnings).Concat(Information.Select(entry => entry.Text))
            .Concat(Errors.Select(error => error.Exception.Message + " " + error.RecommendedAction + " " + error.TargetObject))
            .Concat(Progress.Select(record => record.Activity + " " + record.StatusDescription + " " + record.CurrentOperation));

    public void WriteObject(object value) => objects.Enqueue(value);

    /// <summary>Called after each non-terminating error is recorded, to let a test act at that moment.</summary>
    public Action<CommandError>? OnError { get; set; }

    public void WriteError(CommandError error)
    {
        errors.Enqueue(error);
        OnError?.Invoke(error);
    }

    /// <summary>Runs on each progress record: lets a test change the disk between two steps of a command.</summary>
    public Action<ProgressInfo>? OnProgress { get; set; }

    public void WriteProgress(ProgressInfo record)
    {
        progress.Enqueue(record);
        OnProgress?.Invoke(record);
    }

    public void WriteVerbose(string text) => verbose.Enqueue(text);

    public void WriteDebug(string text) => debug.Enqueue(text);

    public void WriteWarning(string text) => warnings.Enqueue(text);

    public void WriteInformation(string text, params string[] tags) => information.Enqueue((text, tags));

    public bool ShouldProcess(string target, string action)
    {
        shouldProcessCalls.Enqueue((target, action));
        return ShouldProcessAnswer;
    }

    public IReadOnlyList<string> ResolvePath(string path, bool literal)
    {
        var full = GetUnresolvedPath(path);
        if (literal || path.IndexOfAny(['*', '?', '[']) < 0)
        {
            return File.Exists(full) || Directory.Exists(full) ? new[] { full } : Array.Empty<string>();
        }

        // PowerShell's wildcards (* ? [abc] [a-z]), matching files and folders alike, as Resolve-Path does.
        var directory = System.IO.Path.GetDirectoryName(full)!;
        var pattern = WildcardRegex(System.IO.Path.GetFileName(full));
        return Directory.Exists(directory)
            ? Directory.GetFileSystemEntries(directory)
                .Where(entry => pattern.IsMatch(System.IO.Path.GetFileName(entry)))
                // As PowerShell does on Linux and macOS: a '\' in a matched name comes back as a folder separator.
                .Select(entry => OperatingSystem.IsWindows() ? entry : entry.Replace('\\', '/'))
                .OrderBy(entry => entry, StringComparer.Ordinal).ToArray()
            : Array.Empty<string>();
    }

    private static System.Text.RegularExpressions.Regex WildcardRegex(string wildcard)
    {
        var regex = new System.Text.StringBuilder("^");
        for (var i = 0; i < wildcard.Length; i++)
        {
            var character = wildcard[i];
            var close = character == '[' ? wildcard.IndexOf(']', i + 1) : -1;
            regex.Append(character switch
            {
                '*' => ".*",
                '?' => ".",
                '[' when close > i => "[" + wildcard[(i + 1)..close].Replace("\\", "\\\\") + "]",
                _ => System.Text.RegularExpressions.Regex.Escape(character.ToString()),
            });
            if (close > i)
            {
                i = close;
            }
        }

        return new System.Text.RegularExpressions.Regex(regex.Append('$').ToString(), System.Text.RegularExpressions.RegexOptions.IgnoreCase);
    }

    public string GetUnresolvedPath(string path) => System.IO.Path.GetFullPath(path, CurrentDirectory);
}

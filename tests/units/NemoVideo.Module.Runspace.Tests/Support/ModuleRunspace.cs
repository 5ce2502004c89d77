using System.Management.Automation;
using System.Management.Automation.Runspaces;
using PSRunspace = System.Management.Automation.Runspaces.Runspace;

namespace NemoVideo.Module.Runspace.Tests.Support;

/// <summary>A real runspace on a <see cref="TestHost"/> with the packaged module imported, as a user's session has.</summary>
public sealed class ModuleRunspace : IDisposable
{
    private readonly PSRunspace runspace;

    /// <param name="withoutHost">Use the SDK's own default host, which has no user interface at all (as a service or a
    /// scheduled task hosting PowerShell has), instead of the recording <see cref="TestHost"/>.</param>
    public ModuleRunspace(string workingDirectory, bool withoutHost = false)
    {
        Host = new TestHost();
        var state = InitialSessionState.CreateDefault2();
        runspace = withoutHost ? RunspaceFactory.CreateRunspace(state) : RunspaceFactory.CreateRunspace(Host, state);
        runspace.Open();
        WorkingDirectory = workingDirectory;
        Invoke("Set-Location -LiteralPath $args[0]; Import-Module $args[1] -ErrorAction Stop", workingDirectory, PackagedModule.Manifest).ThrowIfFailed();
    }

    public TestHost Host { get; }

    public string WorkingDirectory { get; }

    /// <summary>Runs a script (arguments in <c>$args</c>); a terminating error is captured, not thrown.</summary>
    public RunResult Invoke(string script, params object?[] arguments)
    {
        Host.TestUI.Clear();
        using var shell = PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddScript(script);
        foreach (var argument in arguments)
        {
            shell.AddArgument(argument);
        }

        Exception? terminating = null;
        var output = new List<PSObject>();
        try
        {
            output.AddRange(shell.Invoke());
        }
        catch (RuntimeException failure)
        {
            terminating = failure;
        }

        return new RunResult(
            output,
            shell.Streams.Error.ToList(),
            shell.Streams.Progress.ToList(),
            shell.Streams.Information.ToList(),
            shell.Streams.Warning.Select(record => record.Message).ToList(),
            terminating,
            Host.TestUI.Questions,
            Host.TestUI.Text);
    }

    public void Dispose()
    {
        // Closing a runspace does not remove its modules, so its connection is closed here (stopping its local server).
        using (var shell = PowerShell.Create())
        {
            shell.Runspace = runspace;
            shell.AddScript("Disconnect-Nemo -ErrorAction SilentlyContinue").Invoke();
        }

        runspace.Dispose();
    }
}

public sealed record RunResult(
    IReadOnlyList<PSObject> Output,
    IReadOnlyList<ErrorRecord> Errors,
    IReadOnlyList<ProgressRecord> Progress,
    IReadOnlyList<InformationRecord> Information,
    IReadOnlyList<string> Warnings,
    Exception? Terminating,
    IReadOnlyList<HostQuestion> Questions,
    string HostText)
{
    /// <summary>The error a terminating failure carried (e.g. -ErrorAction Stop), else the single error written.</summary>
    public ErrorRecord TheError =>
        (Terminating as IContainsErrorRecord)?.ErrorRecord ?? Assert.Single(Errors);

    public IEnumerable<T> Of<T>() => Output.Select(item => item.BaseObject).OfType<T>();

    public IEnumerable<PSObject> OfType(string typeName) =>
        Output.Where(item => item.TypeNames.Contains(typeName));

    public RunResult ThrowIfFailed()
    {
        if (Terminating != null || Errors.Count > 0)
        {
            throw new InvalidOperationException(
                "The script failed: " + string.Join("; ", Errors.Select(error => error.ToString()).Append(Terminating?.Message ?? string.Empty)),
                Terminating);
        }

        return this;
    }
}

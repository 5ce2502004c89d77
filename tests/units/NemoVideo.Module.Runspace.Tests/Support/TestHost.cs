using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace NemoVideo.Module.Runspace.Tests.Support;

/// <summary>
/// A PowerShell host for tests. Its UI records every question PowerShell puts to the user (PromptForChoice, Prompt,
/// ReadLine, credentials) and answers a PromptForChoice only from <see cref="TestHostUI.ChoiceAnswers"/>; any other
/// question, or one nobody scripted, fails the command, so a prompt where none belongs can never go unnoticed.
/// </summary>
public sealed class TestHost : PSHost
{
    private readonly Guid instanceId = Guid.NewGuid();

    public TestHostUI TestUI { get; } = new();

    public override string Name => "NemoVideoTestHost";

    public override Version Version => new(1, 0);

    public override Guid InstanceId => instanceId;

    public override PSHostUserInterface UI => TestUI;

    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.GetCultureInfo("en-US");

    public override void SetShouldExit(int exitCode)
    {
    }

    public override void EnterNestedPrompt() => throw new NotSupportedException();

    public override void ExitNestedPrompt() => throw new NotSupportedException();

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }
}

/// <summary>One question PowerShell asked through the host UI.</summary>
public sealed record HostQuestion(string Kind, string Caption, string Message, IReadOnlyList<string> Choices);

public sealed class TestHostUI : PSHostUserInterface
{
    private readonly ConcurrentQueue<HostQuestion> questions = new();
    private readonly ConcurrentQueue<string> lines = new();

    /// <summary>Labels (e.g. "&amp;Yes", "&amp;No") to pick, in order, at the next PromptForChoice calls.</summary>
    public ConcurrentQueue<string> ChoiceAnswers { get; } = new();

    public IReadOnlyList<HostQuestion> Questions => questions.ToArray();

    /// <summary>Everything written to the host (e.g. "What if:" lines).</summary>
    public string Text => string.Concat(lines);

    public override PSHostRawUserInterface RawUI { get; } = new TestRawUI();

    /// <summary>Forgets the questions and text of the last run; answers scripted for the next one stay.</summary>
    public void Clear()
    {
        questions.Clear();
        lines.Clear();
    }

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
    {
        var labels = choices.Select(choice => choice.Label).ToArray();
        questions.Enqueue(new HostQuestion(nameof(PromptForChoice), caption, message, labels));
        if (!ChoiceAnswers.TryDequeue(out var answer))
        {
            throw new InvalidOperationException($"Unexpected prompt: {caption}: {message}");
        }

        var index = Array.IndexOf(labels, answer);
        return index >= 0 ? index : throw new InvalidOperationException($"No choice {answer} in [{string.Join(", ", labels)}].");
    }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
        throw Unexpected(nameof(Prompt), caption, message);

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw Unexpected(nameof(PromptForCredential), caption, message);

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        throw Unexpected(nameof(PromptForCredential), caption, message);

    public override string ReadLine() => throw Unexpected(nameof(ReadLine), string.Empty, string.Empty);

    public override SecureString ReadLineAsSecureString() => throw Unexpected(nameof(ReadLineAsSecureString), string.Empty, string.Empty);

    public override void Write(string value) => lines.Enqueue(value);

    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => lines.Enqueue(value);

    public override void WriteLine(string value) => lines.Enqueue(value + "\n");

    public override void WriteErrorLine(string value) => lines.Enqueue(value + "\n");

    public override void WriteDebugLine(string message) => lines.Enqueue("DEBUG: " + message + "\n");

    public override void WriteVerboseLine(string message) => lines.Enqueue("VERBOSE: " + message + "\n");

    public override void WriteWarningLine(string message) => lines.Enqueue("WARNING: " + message + "\n");

    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
    }

    private InvalidOperationException Unexpected(string kind, string caption, string message)
    {
        questions.Enqueue(new HostQuestion(kind, caption, message, []));
        return new InvalidOperationException($"Unexpected {kind}: {caption} {message}".Trim());
    }

    private sealed class TestRawUI : PSHostRawUserInterface
    {
        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

        public override Size BufferSize { get; set; } = new(200, 3000);

        public override Coordinates CursorPosition { get; set; }

        public override int CursorSize { get; set; }

        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.White;

        public override bool KeyAvailable => false;

        public override Size MaxPhysicalWindowSize => new(200, 100);

        public override Size MaxWindowSize => new(200, 100);

        public override Coordinates WindowPosition { get; set; }

        public override Size WindowSize { get; set; } = new(200, 100);

        public override string WindowTitle { get; set; } = string.Empty;

        public override void FlushInputBuffer()
        {
        }

        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();

        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new InvalidOperationException("Unexpected ReadKey");

        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) => throw new NotSupportedException();

        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) => throw new NotSupportedException();

        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) => throw new NotSupportedException();
    }
}

using System.Management.Automation;
using System.Text.RegularExpressions;
using NemoVideo.Module.Runspace.Tests.Support;

namespace NemoVideo.Module.Runspace.Tests;

/// <summary>
/// What a user reads: the default views of NemoVideo.Format.ps1xml rendered by the real formatter through Out-String,
/// and Get-Help -Full fed by the packaged MAML.
/// </summary>
[Collection(LocalServerCollection.Name)]
public sealed class FormatAndHelpTests(LocalModule module)
{
    public static TheoryData<string> Cmdlets => new()
    {
        "Connect-Nemo", "Disconnect-Nemo", "Get-NemoContext", "Send-NemoVideo", "Invoke-NemoInstruction", "Get-NemoState",
        "Export-NemoVideo", "Get-NemoRender", "Get-NemoCredit", "Compress-NemoVideo",
    };

    public static TheoryData<string, string> TableViews => new()
    {
        { "Get-NemoContext", "Endpoint SessionId Account Local BrowserLink" },
        { "Send-NemoVideo -LiteralPath videos/one.mp4", "Name MediaId Length SessionId" },
        { "Get-NemoState", "SessionId Exportable Summary" },
        { "(Get-NemoState).Tracks", "Index Kind Segments" },
        { "Get-NemoCredit", "Available Frozen Total" },
        { "Export-NemoVideo -OutFile views/view.mp4 -Force", "Name Length RenderId FullName Notes" },
        { "Export-NemoVideo -NoWait", "RenderId Status Progress QueuePosition SessionId" },
        { "Export-NemoVideo -NoWait | Get-NemoRender", "RenderId Status Progress QueuePosition SessionId" },
        { "Compress-NemoVideo -LiteralPath videos/one.mp4 -MaxSize 10MB -OutputDirectory views-small -Force", "Input Output InputMiB OutputMiB Ratio Status Notes" },
    };

    [Theory]
    [MemberData(nameof(TableViews))]
    public void The_default_table_view_shows_its_columns(string producer, string columns)
    {
        LocalModule.SkipUnlessFfmpeg();
        module.Runspace.Invoke("Send-NemoVideo -LiteralPath videos/two.mp4 | Invoke-NemoInstruction 'scale it to 240p' | Out-Null").ThrowIfFailed();

        var text = Assert.Single(module.Runspace.Invoke(producer + " | Out-String -Width 250").ThrowIfFailed().Output).ToString();

        var lines = text.Split('\n').Select(line => line.TrimEnd()).Where(line => line.Length > 0).ToList();
        Assert.Equal(columns.Split(' '), Regex.Split(lines[0].Trim(), @"\s+"));
        Assert.Matches(@"^[-\s]+$", lines[1]);
        Assert.True(lines.Count >= 3, "a table with a header and no rows:\n" + text);
    }

    [Fact]
    public void The_instruction_result_is_a_list_with_the_reply_and_what_changed()
    {
        LocalModule.SkipUnlessFfmpeg();
        module.Runspace.Invoke("Send-NemoVideo -LiteralPath videos/two.mp4").ThrowIfFailed();

        var text = Assert.Single(module.Runspace.Invoke("Invoke-NemoInstruction 'scale it to 240p' | Out-String -Width 250").ThrowIfFailed().Output).ToString();

        var labels = text.Split('\n').Where(line => line.Contains(" : ")).Select(line => line.Split(" : ")[0].Trim()).ToList();
        Assert.Equal(["SessionId", "Reply", "Changes", "Hints", "Elapsed"], labels);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Get_Help_Full_has_a_synopsis_a_description_every_parameter_and_an_example(string cmdlet)
    {
        var help = Assert.Single(module.Runspace.Invoke("Get-Help $args[0] -Full", cmdlet).ThrowIfFailed().Output);
        var syntaxOnly = module.Runspace.Invoke("(Get-Command $args[0]).Definition", cmdlet).Output.Single().ToString().Trim();

        var synopsis = help.Text("Synopsis")!.Trim();
        Assert.False(string.IsNullOrEmpty(synopsis));
        Assert.NotEqual(syntaxOnly, synopsis); // without MAML, Get-Help falls back to the syntax as the synopsis
        Assert.False(string.IsNullOrWhiteSpace(Text(help.Get("Description"))), $"{cmdlet} has no description");

        var documented = ((help.Get("Parameters") as PSObject)?.Get("Parameter") is { } parameters ? Items(parameters) : [])
            .ToDictionary(parameter => parameter.Text("Name")!, parameter => Text(parameter.Get("Description")), StringComparer.OrdinalIgnoreCase);
        var declared = module.Runspace.Invoke(
            "(Get-Command $args[0]).Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.PSCmdlet]::CommonParameters -and $_ -notin [System.Management.Automation.PSCmdlet]::OptionalCommonParameters }",
            cmdlet).Output.Select(name => name.ToString()).ToList();
        Assert.NotEmpty(declared);
        Assert.All(declared, name =>
        {
            Assert.True(documented.TryGetValue(name, out var description), $"{cmdlet} -{name} is not in the help");
            Assert.False(string.IsNullOrWhiteSpace(description), $"{cmdlet} -{name} has no description");
        });

        var examples = Items((help.Get("Examples") as PSObject)!.Get("Example")!).ToList();
        Assert.NotEmpty(examples);
        Assert.Contains(cmdlet, examples[0].Text("Code"));
    }

    [Fact]
    public void The_about_topic_is_found_by_name()
    {
        var text = string.Concat(module.Runspace.Invoke("Get-Help about_NemoVideo | Out-String").ThrowIfFailed().Output);

        Assert.Contains("Compress-NemoVideo", text);
        Assert.Contains("-Force", text);
    }

    private static IEnumerable<PSObject> Items(object value) =>
        value is PSObject { BaseObject: object[] array } ? array.Select(PSObject.AsPSObject)
        : value is object[] items ? items.Select(PSObject.AsPSObject)
        : [PSObject.AsPSObject(value)];

    /// <summary>MAML text blocks ({ Text = ... } paragraphs) joined.</summary>
    private static string Text(object? value) =>
        value == null ? string.Empty : string.Join("\n", Items(value).Select(paragraph => paragraph.Text("Text") ?? paragraph.ToString()));
}

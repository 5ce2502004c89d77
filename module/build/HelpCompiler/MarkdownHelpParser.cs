using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace NemoVideo.HelpCompiler;

/// <summary>Reads the platyPS markdown schema 2.0.0: front matter, # name, ## sections, ### items, ```yaml blocks.</summary>
public static partial class MarkdownHelpParser
{
    private const string CommonParameters = "CommonParameters";

    public static CommandHelp Parse(string markdown)
    {
        var lines = StripFrontMatter(markdown.Replace("\r\n", "\n").Split('\n'));
        var name = lines.FirstOrDefault(line => line.StartsWith("# ", StringComparison.Ordinal))?.Substring(2).Trim()
            ?? throw new FormatException("The help file has no '# Command-Name' heading.");
        var sections = Split(lines, "## ");

        return new CommandHelp(
            name,
            Text(Section(sections, "SYNOPSIS", name)),
            Text(Section(sections, "DESCRIPTION", name)),
            Split(Section(sections, "EXAMPLES", name), "### ").Select(ParseExample).ToList(),
            Split(Section(sections, "PARAMETERS", name), "### ")
                .Where(item => item.Key != CommonParameters)
                .Select(item => ParseParameter(name, item))
                .ToList(),
            Split(Optional(sections, "INPUTS"), "### ").Select(item => new TypeHelp(item.Key, Text(item.Value))).ToList(),
            Split(Optional(sections, "OUTPUTS"), "### ").Select(item => new TypeHelp(item.Key, Text(item.Value))).ToList(),
            Text(Optional(sections, "NOTES")),
            Optional(sections, "RELATED LINKS")
                .Select(line => LinkPattern().Match(line))
                .Where(match => match.Success)
                .Select(match => match.Groups["text"].Value)
                .ToList());
    }

    private static IReadOnlyList<string> StripFrontMatter(string[] lines)
    {
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            return lines;
        }

        var end = Array.FindIndex(lines, 1, line => line.Trim() == "---");
        return end < 0 ? lines : lines.Skip(end + 1).ToArray();
    }

    /// <summary>Headed blocks at one level, in order; code fences are skipped so a '#' comment in code is not a heading.</summary>
    private static List<KeyValuePair<string, List<string>>> Split(IReadOnlyList<string> lines, string prefix)
    {
        var blocks = new List<KeyValuePair<string, List<string>>>();
        var inFence = false;
        foreach (var line in lines)
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }

            if (!inFence && line.StartsWith(prefix, StringComparison.Ordinal))
            {
                blocks.Add(new KeyValuePair<string, List<string>>(line.Substring(prefix.Length).Trim(), new List<string>()));
            }
            else if (blocks.Count > 0)
            {
                blocks[blocks.Count - 1].Value.Add(line);
            }
        }

        return blocks;
    }

    private static IReadOnlyList<string> Section(List<KeyValuePair<string, List<string>>> sections, string heading, string command) =>
        sections.FirstOrDefault(section => section.Key == heading).Value
        ?? throw new FormatException($"{command}: the help has no '## {heading}' section.");

    private static IReadOnlyList<string> Optional(List<KeyValuePair<string, List<string>>> sections, string heading) =>
        sections.FirstOrDefault(section => section.Key == heading).Value ?? new List<string>();

    private static ExampleHelp ParseExample(KeyValuePair<string, List<string>> item)
    {
        var (code, before, after) = Fence(item.Value);
        return new ExampleHelp(item.Key, code, Text(before.Concat(after)));
    }

    private static ParameterHelp ParseParameter(string command, KeyValuePair<string, List<string>> item)
    {
        var name = item.Key.TrimStart('-');
        var (yaml, description, _) = Fence(item.Value);
        var fields = yaml.Split('\n')
            .Select(line => line.Split(new[] { ':' }, 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim(), StringComparer.OrdinalIgnoreCase);
        string Field(string key) => fields.TryGetValue(key, out var value)
            ? value
            : throw new FormatException($"{command} -{name}: the yaml block has no '{key}'.");
        static IReadOnlyList<string> List(string value) =>
            value.Split(',').Select(part => part.Trim()).Where(part => part.Length > 0 && part != "None").ToList();

        return new ParameterHelp(
            name,
            Text(description),
            Field("Type"),
            List(Field("Parameter Sets")),
            List(Field("Aliases")),
            bool.Parse(Field("Required")),
            Field("Position"),
            Field("Default value"),
            Field("Accept pipeline input"),
            bool.Parse(Field("Accept wildcard characters")),
            fields.TryGetValue("Accepted values", out var accepted) ? List(accepted) : Array.Empty<string>());
    }

    /// <summary>The first fenced block's content, and the lines before and after it.</summary>
    private static (string Code, IReadOnlyList<string> Before, IReadOnlyList<string> After) Fence(IReadOnlyList<string> lines)
    {
        var open = lines.ToList().FindIndex(line => line.StartsWith("```", StringComparison.Ordinal));
        var close = open < 0 ? -1 : lines.ToList().FindIndex(open + 1, line => line.StartsWith("```", StringComparison.Ordinal));
        if (open < 0 || close < 0)
        {
            return (string.Empty, lines, Array.Empty<string>());
        }

        return (string.Join("\n", lines.Skip(open + 1).Take(close - open - 1)), lines.Take(open).ToList(), lines.Skip(close + 1).ToList());
    }

    /// <summary>Paragraphs joined by blank lines, each on one line.</summary>
    private static string Text(IEnumerable<string> lines)
    {
        var paragraphs = new List<string>();
        var current = new List<string>();
        foreach (var line in lines.Append(string.Empty))
        {
            if (line.Trim().Length == 0)
            {
                if (current.Count > 0)
                {
                    paragraphs.Add(string.Join(" ", current));
                    current.Clear();
                }
            }
            else
            {
                current.Add(line.Trim());
            }
        }

        return string.Join("\n\n", paragraphs);
    }

    [GeneratedRegex(@"\[(?<text>[^\]]+)\]\((?<uri>[^)]*)\)")]
    private static partial Regex LinkPattern();
}

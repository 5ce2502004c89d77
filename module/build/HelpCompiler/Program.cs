using System;
using System.IO;
using System.Linq;
using NemoVideo.HelpCompiler;

// Usage: NemoVideo.HelpCompiler <markdown help folder> <output MAML file>
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: NemoVideo.HelpCompiler <help-folder> <output.xml>");
    return 2;
}

try
{
    var commands = Directory.GetFiles(args[0], "*-*.md").Order(StringComparer.Ordinal)
        .Select(file => MarkdownHelpParser.Parse(File.ReadAllText(file)))
        .ToList();
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[1]))!);
    MamlWriter.Write(commands).Save(args[1]);
    Console.WriteLine($"{commands.Count} commands -> {args[1]}");
    return 0;
}
catch (FormatException failure)
{
    Console.Error.WriteLine($"error: {failure.Message}");
    return 1;
}

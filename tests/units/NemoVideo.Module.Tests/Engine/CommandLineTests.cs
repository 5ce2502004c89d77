using NemoVideo.Module.LocalServer;

namespace NemoVideo.Module.Tests.Engine;

public class CommandLineTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("with space", "\"with space\"")]
    [InlineData("", "\"\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("C:\\dir with space\\", "\"C:\\dir with space\\\\\"")]
    [InlineData("a\\\\b", "a\\\\b")]
    public void Arguments_are_quoted_by_the_command_line_rules(string argument, string expected) =>
        Assert.Equal(expected, CommandLine.Quote(argument));

    [Fact]
    public void Quoted_arguments_reach_a_real_process_unchanged()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "uses printf to echo the arguments back");
        string[] arguments = ["a b", "quote\"inside", "trail\\", "", "plain"];
        var info = new System.Diagnostics.ProcessStartInfo("printf", CommandLine.Join(["[%s]\\n", .. arguments]))
        {
            RedirectStandardOutput = true,
        };

        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(string.Concat(arguments.Select(argument => $"[{argument}]\n")), output);
    }
}

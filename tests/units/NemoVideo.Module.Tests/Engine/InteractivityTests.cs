using NemoVideo.Module.Engine;

namespace NemoVideo.Module.Tests.Engine;

public class InteractivityTests
{
    [Theory]
    [InlineData("-NonInteractive")]
    [InlineData("-noni")]
    [InlineData("--noninteractive")]
    [InlineData("-NonI")]
    public void Pwsh_started_non_interactive_is_detected(string argument) =>
        Assert.False(Interactivity.IsInteractive(["pwsh", argument, "-File", "x.ps1"], "ConsoleHost", userInteractive: true));

    [Theory]
    [InlineData("ServerRemoteHost")]
    [InlineData("Default Host")]
    public void Remoting_and_job_hosts_are_not_interactive(string hostName) =>
        Assert.False(Interactivity.IsInteractive(["pwsh"], hostName, userInteractive: true));

    [Fact]
    public void A_service_session_is_not_interactive() =>
        Assert.False(Interactivity.IsInteractive(["pwsh"], "ConsoleHost", userInteractive: false));

    [Fact]
    public void A_console_session_is_interactive_and_similar_words_do_not_count() =>
        Assert.True(Interactivity.IsInteractive(["pwsh", "-NoProfile", "-Command", "noninteractive", "-no"], "ConsoleHost", userInteractive: true));
}

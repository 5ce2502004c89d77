using System.Diagnostics;
using NemoVideo.Module.Runspace.Tests.Support;

namespace NemoVideo.Module.Runspace.Tests;

/// <summary>Connect-Nemo, Get-NemoContext and Disconnect-Nemo in a runspace of their own (they change its default).</summary>
[Collection(LocalServerCollection.Name)]
public sealed class ConnectionTests(LocalModule module)
{
    [Fact]
    public void Connect_Local_becomes_the_default_and_Disconnect_PassThru_stops_its_server()
    {
        LocalModule.SkipUnlessFfmpeg();
        using var runspace = new ModuleRunspace(module.Work);
        var before = ServerIds();

        var connected = runspace.Invoke("Connect-Nemo -Local").ThrowIfFailed();
        var connection = Assert.Single(connected.Output);
        Assert.Equal("NemoVideo.Module.NemoConnection", connection.TypeNames[0]);
        Assert.Equal(true, connection.Get("IsLocal"));
        var endpoint = (Uri)connection.Get("Endpoint")!;
        Assert.Equal("127.0.0.1", endpoint.Host);

        var context = Assert.Single(runspace.Invoke("Get-NemoContext").ThrowIfFailed().Output);
        Assert.Equal(connection.Text("SessionId"), context.Text("SessionId"));
        using var server = Process.GetProcessById(Assert.Single(ServerIds().Except(before)));

        var disconnected = runspace.Invoke("Disconnect-Nemo -PassThru").ThrowIfFailed();

        Assert.Equal(connection.Text("SessionId"), Assert.Single(disconnected.Output).Text("SessionId"));
        Assert.True(server.WaitForExit(10_000), "the local server still runs after Disconnect-Nemo");
        Assert.Empty(runspace.Invoke("Get-NemoContext").ThrowIfFailed().Output);
        Assert.Empty(connected.Questions);
    }

    [Fact]
    public void A_connection_passed_with_Session_works_in_a_runspace_that_has_no_default()
    {
        LocalModule.SkipUnlessFfmpeg();
        using var other = new ModuleRunspace(module.Work);

        var credit = other.Invoke("Get-NemoCredit -Session $args[0]", module.Connection).ThrowIfFailed();
        var context = other.Invoke("Get-NemoContext -Session $args[0]", module.Connection).ThrowIfFailed();

        Assert.Single(credit.OfType("NemoVideo.Client.NemoCredit"));
        Assert.Equal(module.Connection.Text("SessionId"), Assert.Single(context.Output).Text("SessionId"));
        Assert.Empty(other.Invoke("Get-NemoContext").Output);
    }

    [Fact]
    public void Remove_Module_in_one_runspace_stops_its_own_server_and_leaves_other_runspaces_connected()
    {
        LocalModule.SkipUnlessFfmpeg();
        using var other = new ModuleRunspace(module.Work);
        var before = ServerIds();
        other.Invoke("Connect-Nemo -Local").ThrowIfFailed();
        using var otherServer = Process.GetProcessById(Assert.Single(ServerIds().Except(before)));

        other.Invoke("Remove-Module NemoVideo").ThrowIfFailed();

        Assert.True(otherServer.WaitForExit(10_000), "the removing runspace's local server still runs");
        var shared = module.Runspace.Invoke("Get-NemoCredit").ThrowIfFailed();
        Assert.Single(shared.OfType("NemoVideo.Client.NemoCredit"));
    }

    /// <summary>Local servers started by this process (Connect-Nemo -Local passes --parent-pid), read from /proc.</summary>
    private static HashSet<int> ServerIds()
    {
        Assert.SkipUnless(Directory.Exists("/proc/self"), "Finding the server process needs /proc (Linux).");
        var ids = new HashSet<int>();
        foreach (var directory in Directory.GetDirectories("/proc"))
        {
            try
            {
                if (int.TryParse(Path.GetFileName(directory), out var id)
                    && File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ') is var commandLine
                    && commandLine.Contains("NemoVideo.LocalServer.dll") && commandLine.Contains($"--parent-pid {Environment.ProcessId} "))
                {
                    ids.Add(id);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return ids;
    }
}

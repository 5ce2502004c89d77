using System.Diagnostics;

namespace NemoVideo.LocalServer.Hosting;

/// <summary>Stops the server when the process that started it ends, so a crashed module leaves no server behind.</summary>
internal sealed class ParentProcessWatcher(int parentProcessId, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            using var parent = Process.GetProcessById(parentProcessId);
            await parent.WaitForExitAsync(stoppingToken);
        }
        catch (ArgumentException)
        {
            // Already gone before we looked.
        }
        catch (OperationCanceledException)
        {
            return;
        }

        lifetime.StopApplication();
    }
}

namespace NemoVideo.LocalServer.Hosting;

/// <summary>
/// Stops the server when its standard input closes. The module starts the server with a pipe on stdin and never
/// writes to it; the pipe closes when the module closes it (Disconnect-Nemo) or when its process dies in any way,
/// even killed outright, so the server then stops cleanly and takes its ffmpeg processes and files with it.
/// </summary>
internal sealed class StandardInputWatcher(IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var buffer = new byte[256];
        // Not disposed: a read may still be pending on it when the server stops for another reason.
        var input = Console.OpenStandardInput();
        try
        {
            // Anything written is ignored; only the end of the stream matters.
            // A console read does not end on cancellation, so the wait for it is what gets cancelled.
            while (await input.ReadAsync(buffer, stoppingToken).AsTask().WaitAsync(stoppingToken) > 0)
            {
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (IOException)
        {
            // A broken pipe is a closed pipe.
        }

        lifetime.StopApplication();
    }
}

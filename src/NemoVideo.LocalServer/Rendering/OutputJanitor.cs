using NemoVideo.LocalServer.Hosting;

namespace NemoVideo.LocalServer.Rendering;

/// <summary>Deletes render outputs once <see cref="LocalServerOptions.OutputRetention"/> has passed since they completed.</summary>
public sealed class OutputJanitor(LocalServerOptions options, RenderQueue renders) : BackgroundService
{
    private static readonly TimeSpan LongestPeriod = TimeSpan.FromMinutes(1);

    public void Sweep()
    {
        var now = options.TimeProvider.GetUtcNow();
        foreach (var job in renders.All)
        {
            if (job.CompletedAt is DateTimeOffset completed && now - completed >= options.OutputRetention && job.OutputPath is string path)
            {
                job.MarkOutputRemoved();
                Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = options.OutputRetention > TimeSpan.Zero && options.OutputRetention < LongestPeriod
            ? options.OutputRetention
            : LongestPeriod;
        using var timer = new PeriodicTimer(period, options.TimeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Sweep();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: nothing left to sweep for.
        }
    }
}

using NemoVideo.LocalServer.Accounts;
using NemoVideo.LocalServer.Hosting;
using NemoVideo.LocalServer.Sessions;

namespace NemoVideo.LocalServer.Rendering;

/// <summary>
/// Deletes render outputs once <see cref="LocalServerOptions.OutputRetention"/> has passed since they completed,
/// removes sessions idle for <see cref="LocalServerOptions.SessionRetention"/> (with their uploads and renders), and
/// forgets expired tokens.
/// </summary>
public sealed class OutputJanitor(LocalServerOptions options, RenderQueue renders, SessionStore sessions, TokenStore tokens) : BackgroundService
{
    private static readonly TimeSpan LongestPeriod = TimeSpan.FromMinutes(1);

    public void Sweep()
    {
        var now = options.TimeProvider.GetUtcNow();
        foreach (var job in renders.All)
        {
            if (job.CompletedAt is DateTimeOffset completed && now - completed >= options.OutputRetention && job.OutputPath is not null)
            {
                renders.RemoveOutput(job);
            }
        }

        sessions.RemoveIdle(renders.IsBusy);
        tokens.Sweep();
    }

    /// <summary>Called for each session the store drops: its uploads and renders go with it.</summary>
    public void OnSessionRemoved(Session session)
    {
        renders.RemoveSession(session);
        RenderQueue.DeleteFolder(Path.Combine(options.StateDirectory, "media", session.Id));
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        sessions.Removed += OnSessionRemoved;
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var shortest = options.OutputRetention < options.SessionRetention ? options.OutputRetention : options.SessionRetention;
        var period = shortest > TimeSpan.Zero && shortest < LongestPeriod ? shortest : LongestPeriod;
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

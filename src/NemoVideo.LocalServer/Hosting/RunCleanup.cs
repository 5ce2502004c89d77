using NemoVideo.LocalServer.Rendering;

namespace NemoVideo.LocalServer.Hosting;

/// <summary>
/// When the server has stopped: waits for cancelled renders to end (their ffmpeg killed and their temporary files
/// removed by the engine), then removes this run's folder unless <see cref="LocalServerOptions.KeepData"/>.
/// </summary>
internal static class RunCleanup
{
    private static readonly TimeSpan RenderDrainTimeout = TimeSpan.FromSeconds(15);

    public static void Register(IServiceProvider services, LocalServerOptions options)
    {
        var lifetime = services.GetRequiredService<IHostApplicationLifetime>();
        var renders = services.GetRequiredService<RenderQueue>();
        lifetime.ApplicationStopped.Register(() =>
        {
            renders.DrainAsync(RenderDrainTimeout).GetAwaiter().GetResult();
            if (!options.KeepData)
            {
                DataFolder.RemoveRun(options.RunDirectory);
            }
        });
    }
}

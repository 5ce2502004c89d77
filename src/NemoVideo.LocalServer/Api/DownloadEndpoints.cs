using NemoVideo.LocalServer.Faults;
using NemoVideo.LocalServer.Rendering;
using NemoVideo.LocalServer.Sessions;

namespace NemoVideo.LocalServer.Api;

/// <summary>
/// The public file links: render outputs and uploaded media, reachable without a token through an unguessable key
/// (like pre-signed storage URLs). Range requests are honoured.
/// </summary>
internal static class DownloadEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/files/{key}/{name}", (string key, RenderQueue renders) =>
        {
            var job = renders.FindByDownloadKey(key);
            return job is null ? Results.NotFound() : Serve(job);
        });
        app.MapGet("/media/{key}/{name}", (string key, SessionStore sessions) =>
        {
            var media = sessions.FindMediaByKey(key);
            return media is null ? Results.NotFound() : Results.File(media.FilePath, "application/octet-stream", media.Name, enableRangeProcessing: true);
        });
    }

    public static IResult Serve(RenderJob job)
    {
        if (job.Status != RenderStatus.Completed)
        {
            return ApiResults.Error(ApiErrors.BadRequest($"Render '{job.Id}' is {job.Status.ToString().ToLowerInvariant()}, not completed."));
        }

        return job.OutputPath is string path
            ? new FaultableFileResult(path, ContentTypeOf(job.Container), job.FileName)
            : ApiResults.Error(ApiErrors.OutputGone(job.Id));
    }

    private static string ContentTypeOf(string container) => container switch
    {
        "webm" => "video/webm",
        "mov" => "video/quicktime",
        _ => "video/mp4",
    };

    /// <summary>A range-capable file answer that a <see cref="FaultKind.DropDownload"/> fault cuts half way.</summary>
    private sealed class FaultableFileResult(string path, string contentType, string downloadName) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            var faults = context.RequestServices.GetRequiredService<FaultInjector>();
            context.RequestServices.GetRequiredService<Diagnostics.ServerStats>().DownloadStarted();
            if (faults.ShouldInject(FaultKind.SlowDownload))
            {
                var options = context.RequestServices.GetRequiredService<Hosting.LocalServerOptions>();
                await SlowAsync(context, options.SlowRenderDelay);
                return;
            }

            if (!faults.ShouldInject(FaultKind.DropDownload))
            {
                await Results.File(path, contentType, downloadName, enableRangeProcessing: true).ExecuteAsync(context);
                return;
            }

            var length = new FileInfo(path).Length;
            context.Response.ContentType = contentType;
            context.Response.ContentLength = length;
            await using (var file = File.OpenRead(path))
            {
                await CopyBytesAsync(file, context.Response.Body, length / 2, context.RequestAborted);
            }

            await context.Response.Body.FlushAsync(context.RequestAborted);
            context.Abort();
        }

        /// <summary>The whole file (no Range), paused half way: a client killed meanwhile leaves its partial file behind.</summary>
        private async Task SlowAsync(HttpContext context, TimeSpan pause)
        {
            var length = new FileInfo(path).Length;
            context.Response.ContentType = contentType;
            context.Response.ContentLength = length;
            await using var file = File.OpenRead(path);
            await CopyBytesAsync(file, context.Response.Body, length / 2, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(pause, context.RequestAborted);
            await CopyBytesAsync(file, context.Response.Body, length - (length / 2), context.RequestAborted);
        }

        private static async Task CopyBytesAsync(Stream source, Stream destination, long count, CancellationToken cancellationToken)
        {
            var buffer = new byte[81920];
            while (count > 0)
            {
                var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                count -= read;
            }
        }
    }
}

using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using NemoVideo.Module.Connections;
using NemoVideo.Module.Engine;

namespace NemoVideo.Module.Handlers
{
    /// <summary>
    /// Get-NemoRender: asks once where each render stands (status, progress, and the place in the server's queue when
    /// the server says it). Waits for nothing and submits nothing, so it is safe to run while an export is waiting in
    /// another session or job. One render's failure (an id the service does not know) is that render's error; the rest go on.
    /// </summary>
    public sealed class RenderStatusHandler
    {
        private readonly ConnectionResolver connections;
        private readonly IReadOnlyList<ExportItem> renders;

        /// <param name="renders">Render ids, each with the session it belongs to (null: the connection's own session).</param>
        public RenderStatusHandler(ConnectionResolver connections, IReadOnlyList<ExportItem> renders)
        {
            this.connections = connections;
            this.renders = renders;
        }

        public async Task ExecuteAsync(ICommandHost host, CancellationToken cancellationToken)
        {
            foreach (var render in renders)
            {
                var target = connections.For(render.SessionId);
                var renderId = render.RenderId!;
                await ItemFailures.RunAsync(
                    host,
                    renderId,
                    async () => host.WriteObject(new NemoRenderJob(
                        await target.Client.GetRenderAsync(target.Session, renderId, cancellationToken).ConfigureAwait(false))),
                    cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

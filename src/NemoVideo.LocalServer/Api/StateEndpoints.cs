using NemoVideo.LocalServer.Rendering;
using NemoVideo.LocalServer.Sessions;

namespace NemoVideo.LocalServer.Api;

/// <summary>The session state: draft, uploaded media, canvas and finished renders.</summary>
internal static class StateEndpoints
{
    public static void Map(RouteGroupBuilder authenticated) =>
        authenticated.MapGet("/api/state/nemo_agent/me/{sessionId}/latest", GetState);

    private static IResult GetState(string sessionId, HttpContext context, SessionStore sessions, RenderQueue renders)
    {
        var session = sessions.Find(sessionId, TokenFilter.CallerOf(context).ClientId);
        if (session is null)
        {
            return ApiResults.Error(ApiErrors.SessionNotFound(sessionId));
        }

        var baseUrl = BaseUrl.Of(context.Request);
        var snapshot = session.Snapshot();
        var video = snapshot.ActiveVideo;
        return ApiResults.Ok(new
        {
            session_id = session.Id,
            task_id = session.TaskId,
            state = new
            {
                draft = DraftBuilder.Build(snapshot, baseUrl),
                video_infos = snapshot.Media.Select(media => MediaView.Of(media, baseUrl)),
                canvas_config = video is null ? null : new { width = video.Width, height = video.Height },
                // A local extension: whether an instruction is running in this session now. A client that lost the
                // stream of one can then tell "not applied yet" from "never will be" without waiting out the 15 minutes.
                agent_busy = session.TurnGate.CurrentCount == 0,
                generated_media = renders.CompletedFor(session.Id).Select(job => new
                {
                    render_id = job.Id,
                    url = job.OutputUrl(baseUrl),
                    size = job.OutputBytes,
                }),
            },
        });
    }
}

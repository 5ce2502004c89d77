using NemoVideo.LocalServer.Agent;
using NemoVideo.LocalServer.Sessions;

namespace NemoVideo.LocalServer.Api;

/// <summary>POST /run_sse: one instruction to the agent, answered as an ADK event stream.</summary>
internal static class AgentEndpoints
{
    public static void Map(RouteGroupBuilder authenticated) => authenticated.MapPost("/run_sse", RunAsync);

    private static async Task<IResult> RunAsync(HttpContext context, SessionStore sessions, AgentTurn turn, Diagnostics.ServerStats stats)
    {
        var (body, error) = await JsonBody.ReadAsync<RunRequest>(context.Request, context.RequestAborted);
        if (error is not null)
        {
            return error;
        }

        var instruction = string.Concat(body!.NewMessage?.Parts?.Select(part => part.Text) ?? []).Trim();
        if (instruction.Length == 0)
        {
            return ApiResults.Error(ApiErrors.BadRequest("new_message.parts must hold the instruction text."));
        }

        var clientId = TokenFilter.CallerOf(context).ClientId;
        var session = sessions.Find(body.SessionId ?? string.Empty, clientId);
        if (session is null)
        {
            return ApiResults.Error(ApiErrors.SessionNotFound(body.SessionId ?? string.Empty));
        }

        await session.TurnGate.WaitAsync(context.RequestAborted);
        try
        {
            stats.InstructionRun(session.Id);
            var refused = await turn.RunAsync(session, clientId, instruction, context);
            return refused is null ? Results.Empty : ApiResults.Error(refused);
        }
        finally
        {
            session.TurnGate.Release();
        }
    }

    private sealed record RunRequest(string? AppName, string? UserId, string? SessionId, NewMessage? NewMessage);

    private sealed record NewMessage(string? Role, IReadOnlyList<MessagePart>? Parts);

    private sealed record MessagePart(string? Text);
}

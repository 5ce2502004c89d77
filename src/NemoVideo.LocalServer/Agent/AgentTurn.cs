using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using NemoVideo.Compression;
using NemoVideo.LocalServer.Accounts;
using NemoVideo.LocalServer.Api;
using NemoVideo.LocalServer.Faults;
using NemoVideo.LocalServer.Hosting;
using NemoVideo.LocalServer.Sessions;
using NemoVideo.LocalServer.Uploads;

namespace NemoVideo.LocalServer.Agent;

/// <summary>
/// One instruction on /run_sse: interpret it, check the source video with ffprobe (heartbeats meanwhile), apply the
/// settings to the session draft, and stream the ADK events: functionCall/functionResponse for the edit, the reply as
/// partial chunks then whole with the state delta, and turnComplete.
/// </summary>
internal sealed class AgentTurn(LocalServerOptions options, CreditLedger ledger, FaultInjector faults, MediaInspector inspector,
    Diagnostics.ServerStats stats)
{
    private const string ToolName = "set_compression";

    /// <summary>The error to answer before the stream starts (as JSON), or null when the stream was written.</summary>
    public async Task<ApiError?> RunAsync(Session session, string clientId, string instruction, HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var snapshot = session.Snapshot();
        var interpretation = InstructionInterpreter.Interpret(instruction, snapshot.Settings, snapshot.ActiveVideo);
        if (interpretation.IsApplied && !ledger.CanAfford(clientId, options.EditCost))
        {
            return ApiErrors.OutOfCredits(ledger.BalanceOf(clientId).Available, options.EditCost);
        }

        var stream = new EventStream(new SseWriter(context.Response), options.TimeProvider);
        await stream.Writer.StartAsync(cancellationToken);
        await stream.Writer.WriteHeartbeatAsync(cancellationToken);
        if (!interpretation.IsApplied)
        {
            await ReplyAsync(stream, interpretation.Reply, stateDelta: null, cancellationToken);
            return null;
        }

        var video = snapshot.ActiveVideo!;
        var stillReadable = await WithHeartbeatsAsync(stream,
            () => inspector.InspectAsync(video.FilePath, MediaKind.Video, cancellationToken), cancellationToken);
        if (stillReadable is null)
        {
            await stream.WriteErrorAsync($"The uploaded video '{video.Name}' can no longer be read; upload it again.", cancellationToken);
            return null;
        }

        // Read again with what the file shows now (a stored item may lack where its picture ends, e.g. after a restart):
        // a trim with no picture in it is declined here, not at export.
        var checkedVideo = video with { DurationMs = stillReadable.DurationMs ?? video.DurationMs, VideoEndMs = stillReadable.VideoEndMs };
        var rechecked = InstructionInterpreter.Interpret(instruction, snapshot.Settings, checkedVideo);
        if (!rechecked.IsApplied)
        {
            await ReplyAsync(stream, rechecked.Reply, stateDelta: null, cancellationToken);
            return null;
        }

        interpretation = rechecked;
        if (Refusal(stillReadable, interpretation.Settings) is { } refusal)
        {
            await ReplyAsync(stream, Wording.For(instruction).CannotMeet(refusal.Message, refusal.Infeasibility), stateDelta: null, cancellationToken);
            return null;
        }

        if (faults.ShouldInject(FaultKind.SlowAgent))
        {
            // A client that goes away meanwhile cancels the turn: nothing is applied or charged.
            await WithHeartbeatsAsync(stream, async () =>
            {
                await Task.Delay(options.SlowRenderDelay, options.TimeProvider, cancellationToken);
                return true;
            }, cancellationToken);
        }

        switch (session.TryApplyEdit(snapshot, interpretation.Settings, () => ledger.TryCharge(clientId, options.EditCost),
                    () => stats.EditApplied(video.Name)))
        {
            case EditOutcome.OutOfCredits:
                await stream.WriteErrorAsync("Out of credits: another edit used them up meanwhile. Nothing was changed.", cancellationToken);
                return null;
            case EditOutcome.VideoReplaced:
                await stream.WriteErrorAsync("A new video was uploaded while the edit ran, so nothing was changed. Send the instruction again.",
                    cancellationToken);
                return null;
            case EditOutcome.SessionEnded:
                await stream.WriteErrorAsync("The session ended while the edit ran (idle too long, or its client opened more sessions than "
                    + "the server keeps), so nothing was changed or charged. Create a new session and upload the video again.", cancellationToken);
                return null;
        }

        var callId = "call_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var settingsJson = JsonSerializer.SerializeToNode(interpretation.Settings, ServerJson.Rest);
        var draft = DraftBuilder.Build(session.Snapshot(), BaseUrl.Of(context.Request));
        await stream.WritePartsAsync([new AdkPart { FunctionCall = new AdkFunctionCall(callId, ToolName, settingsJson) }], cancellationToken);
        await stream.WritePartsAsync(
            [new AdkPart
            {
                FunctionResponse = new AdkFunctionResponse(callId, ToolName, new JsonObject
                {
                    ["status"] = "applied",
                    ["understood"] = new JsonArray(interpretation.Understood.Select(item => (JsonNode?)item).ToArray()),
                }),
            }],
            cancellationToken);

        var stateDelta = new JsonObject { ["draft"] = draft };
        if (faults.ShouldInject(FaultKind.DropStream))
        {
            await stream.WriteTextAsync(ReplyText.Chunks(interpretation.Reply).First(), partial: true, cancellationToken);
            context.Abort();
            return null;
        }

        if (faults.ShouldInject(FaultKind.EmptyReply))
        {
            await stream.WriteEventAsync(null, partial: null, new AdkActions(stateDelta), turnComplete: true, cancellationToken);
            return null;
        }

        await ReplyAsync(stream, interpretation.Reply, stateDelta, cancellationToken);
        return null;
    }

    private static async Task ReplyAsync(EventStream stream, string reply, JsonObject? stateDelta, CancellationToken cancellationToken)
    {
        foreach (var chunk in ReplyText.Chunks(reply))
        {
            await stream.WriteTextAsync(chunk, partial: true, cancellationToken);
        }

        await stream.WriteEventAsync(new AdkContent([new AdkPart { Text = reply }]), partial: null,
            stateDelta is null ? null : new AdkActions(stateDelta), turnComplete: true, cancellationToken);
    }

    /// <summary>Sends a heartbeat comment every <see cref="LocalServerOptions.HeartbeatInterval"/> until the work ends.</summary>
    private async Task<T> WithHeartbeatsAsync<T>(EventStream stream, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeats = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(options.HeartbeatInterval, options.TimeProvider);
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                await stream.Writer.WriteHeartbeatAsync(stop.Token);
            }
        }, stop.Token);
        try
        {
            return await work();
        }
        finally
        {
            await stop.CancelAsync();
            await heartbeats.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// The engine's reason the edited settings cannot be met for this video (a ceiling under what the sound, the container
    /// and the least picture need), planned from the reading the turn has just made, before the edit is applied and
    /// charged; null when they can be, or when the engine cannot tell here (the render reports what it finds). A
    /// reviewer's 15 KB ceiling for a 4 s clip was charged and then refused at render ("Allow at least 46,548 bytes"),
    /// and a rerun with a larger size paid again.
    /// </summary>
    private static CompressionException? Refusal(Uploads.MediaFacts facts, CompressionSettings settings)
    {
        if ((settings.MaxBytes is null && settings.SizeFraction is null) || facts.Source is not { } source)
        {
            return null;
        }

        try
        {
            CompressionEngine.Check(source, Rendering.DraftReader.ToRequest(settings, settings.Container ?? "mp4"));
            return null;
        }
        catch (CompressionException error) when (error.Kind == CompressionFailure.Infeasible)
        {
            return error;
        }
        catch (CompressionException)
        {
            return null;
        }
    }

    /// <summary>Events of one invocation: shared invocation id, fresh event ids, timestamps from the server clock.</summary>
    private sealed class EventStream(SseWriter writer, TimeProvider clock)
    {
        private readonly string _invocationId = "e-" + Guid.NewGuid().ToString("N");

        public SseWriter Writer { get; } = writer;

        public Task WriteTextAsync(string text, bool partial, CancellationToken cancellationToken) =>
            WriteEventAsync(new AdkContent([new AdkPart { Text = text }]), partial, actions: null, turnComplete: null, cancellationToken);

        public Task WritePartsAsync(IReadOnlyList<AdkPart> parts, CancellationToken cancellationToken) =>
            WriteEventAsync(new AdkContent(parts), partial: null, actions: null, turnComplete: null, cancellationToken);

        public Task WriteEventAsync(AdkContent? content, bool? partial, AdkActions? actions, bool? turnComplete,
            CancellationToken cancellationToken) =>
            Writer.WriteEventAsync(new AdkEvent
            {
                Id = Guid.NewGuid().ToString("N"),
                InvocationId = _invocationId,
                Timestamp = clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0,
                Content = content,
                Partial = partial,
                Actions = actions,
                TurnComplete = turnComplete,
            }, cancellationToken);

        /// <summary>The contract's in-stream failure: <c>data: {"error": "..."}</c>.</summary>
        public Task WriteErrorAsync(string message, CancellationToken cancellationToken) =>
            Writer.WriteRawEventAsync(new JsonObject { ["error"] = message }, cancellationToken);
    }
}

using System.Text.Json.Nodes;

namespace NemoVideo.LocalServer.Agent;

/// <summary>One Google ADK event as the contract streams it (camelCase, null members left out).</summary>
public sealed record AdkEvent
{
    public required string Id { get; init; }

    public required string InvocationId { get; init; }

    public string Author { get; init; } = "nemo_agent";

    /// <summary>Seconds since the Unix epoch, as ADK writes it.</summary>
    public required double Timestamp { get; init; }

    public AdkContent? Content { get; init; }

    public bool? Partial { get; init; }

    public AdkActions? Actions { get; init; }

    public bool? TurnComplete { get; init; }
}

public sealed record AdkContent(IReadOnlyList<AdkPart> Parts)
{
    public string Role { get; init; } = "model";
}

public sealed record AdkPart
{
    public string? Text { get; init; }

    public AdkFunctionCall? FunctionCall { get; init; }

    public AdkFunctionResponse? FunctionResponse { get; init; }
}

public sealed record AdkFunctionCall(string Id, string Name, JsonNode? Args);

public sealed record AdkFunctionResponse(string Id, string Name, JsonNode? Response);

public sealed record AdkActions(JsonObject StateDelta);

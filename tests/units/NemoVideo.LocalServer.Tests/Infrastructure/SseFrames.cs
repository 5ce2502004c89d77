using System.Text.Json.Nodes;

namespace NemoVideo.LocalServer.Tests.Infrastructure;

/// <summary>An event stream cut into frames exactly as the contract frames them (blank-line separated).</summary>
internal sealed record SseFrame(string Raw, JsonNode? Data)
{
    public bool IsComment => Raw.StartsWith(':');

    public static IReadOnlyList<SseFrame> Parse(string stream)
    {
        Assert.True(stream.Length == 0 || stream.EndsWith("\n\n", StringComparison.Ordinal), "Every frame ends with a blank line.");
        return stream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(raw =>
            {
                Assert.DoesNotContain('\n', raw);
                return raw.StartsWith("data: ", StringComparison.Ordinal)
                    ? new SseFrame(raw, JsonNode.Parse(raw["data: ".Length..]))
                    : new SseFrame(raw, null);
            })
            .ToList();
    }
}

internal static class SseEventExtensions
{
    public static IEnumerable<JsonNode> Events(this IReadOnlyList<SseFrame> frames) =>
        frames.Where(frame => frame.Data is not null).Select(frame => frame.Data!);

    public static IEnumerable<JsonNode> Parts(this JsonNode adkEvent) =>
        adkEvent["content"]?["parts"]?.AsArray().Select(part => part!) ?? [];
}

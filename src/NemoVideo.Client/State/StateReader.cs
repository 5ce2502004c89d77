using System.Text.Json;

namespace NemoVideo.Client
{
    /// <summary>Turns the state payload (<c>data.state</c>, or the state object itself) into a <see cref="NemoState"/>.</summary>
    internal static class StateReader
    {
        public static NemoState Read(string sessionId, JsonElement payload)
        {
            var state = JsonFields.TryGet(payload, out var inner, "state") && inner.ValueKind == JsonValueKind.Object ? inner : payload;
            NemoDraft? draft = null;
            if (JsonFields.TryGet(state, out var draftElement, "draft"))
            {
                draft = ReadDraft(draftElement);
            }

            bool? busy = JsonFields.TryGet(state, out var busyElement, "agent_busy") && (busyElement.ValueKind == JsonValueKind.True || busyElement.ValueKind == JsonValueKind.False)
                ? busyElement.GetBoolean()
                : (bool?)null;
            return new NemoState(sessionId, draft, state.GetRawText()) { AgentBusy = busy };
        }

        private static NemoDraft? ReadDraft(JsonElement element)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                return DraftReader.Parse(element);
            }

            // Some backends store the draft as a JSON string; its content is then the draft text to keep verbatim.
            if (element.ValueKind == JsonValueKind.String)
            {
                try
                {
                    using var document = JsonDocument.Parse(element.GetString()!);
                    return document.RootElement.ValueKind == JsonValueKind.Object ? DraftReader.Parse(document.RootElement) : null;
                }
                catch (JsonException)
                {
                    return null;
                }
            }

            return null;
        }
    }
}

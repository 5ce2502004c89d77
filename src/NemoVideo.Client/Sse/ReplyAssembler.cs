using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace NemoVideo.Client
{
    /// <summary>
    /// Folds the agent's ADK events into one reply. Streamed chunks (<c>partial: true</c>) are followed by a final event
    /// that repeats the whole text; each piece of text is reported and kept once. Heartbeats (comments, <c>event:
    /// heartbeat</c>, empty <c>data:</c>) only mean "still working". An <c>{"error": ...}</c> event ends the instruction.
    /// </summary>
    internal sealed class ReplyAssembler
    {
        private readonly ErrorContext context;
        private readonly List<string> finals = new List<string>();
        private readonly List<NemoToolCall> toolCalls = new List<NemoToolCall>();
        private string pending = string.Empty;

        public ReplyAssembler(ErrorContext context)
        {
            this.context = context;
        }

        public IReadOnlyList<NemoToolCall> ToolCalls => toolCalls;

        /// <summary>An event carried <c>actions.stateDelta</c>: the agent says it changed the session.</summary>
        public bool StateChanged { get; private set; }

        /// <summary>The whole reply: final texts in order, plus streamed text that never got its final event.</summary>
        public string Reply => string.Join("\n", pending.Length > 0 ? finals.Concat(new[] { pending }) : finals);

        /// <summary>Takes one message; returns false for a heartbeat. New text and tool calls go to <paramref name="signals"/>.</summary>
        public bool Accept(SseMessage message, List<AgentSignal> signals)
        {
            if (message.IsComment || string.Equals(message.EventName, "heartbeat", StringComparison.OrdinalIgnoreCase)
                || string.IsNullOrWhiteSpace(message.Data))
            {
                return false;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(message.Data);
            }
            catch (JsonException) when (message.Data.IndexOf('\n') >= 0)
            {
                // A server that forgets the blank line between events runs several one-line events together.
                foreach (var line in message.Data.Split('\n'))
                {
                    Accept(message with { Data = line }, signals);
                }

                return true;
            }
            catch (JsonException)
            {
                // Not an ADK event (e.g. "[DONE]"); nothing to take from it, but the server is alive.
                return true;
            }

            using (document)
            {
                var root = document.RootElement;
                ThrowIfError(root);
                if (root.ValueKind == JsonValueKind.Object)
                {
                    TakeContent(root, signals);
                    if (JsonFields.TryGet(root, out var actions, "actions") && JsonFields.TryGet(actions, out _, "stateDelta", "state_delta"))
                    {
                        StateChanged = true;
                    }

                }
            }

            return true;
        }

        private void TakeContent(JsonElement root, List<AgentSignal> signals)
        {
            if (!JsonFields.TryGet(root, out var content, "content") || !JsonFields.TryGet(content, out var parts, "parts")
                || parts.ValueKind != JsonValueKind.Array)
            {
                return;
            }

            var partial = JsonFields.Flag(root, "partial");
            var text = string.Empty;
            foreach (var part in parts.EnumerateArray())
            {
                // Gemini "thought" parts are the model's reasoning, not its answer.
                if (JsonFields.String(part, "text") is string piece && !JsonFields.Flag(part, "thought"))
                {
                    text += piece;
                }

                if (JsonFields.TryGet(part, out var call, "functionCall", "function_call"))
                {
                    var name = JsonFields.String(call, "name") ?? "tool";
                    toolCalls.Add(new NemoToolCall(JsonFields.String(call, "id"), name, RawOrNull(call, "args"), null));
                    signals.Add(new AgentSignal(InstructionProgressKind.ToolCall, name));
                }

                if (JsonFields.TryGet(part, out var response, "functionResponse", "function_response"))
                {
                    TakeResponse(response);
                }
            }

            if (text.Length > 0)
            {
                var delta = partial ? TakePartial(text) : TakeFinal(text);
                if (delta.Length > 0)
                {
                    signals.Add(new AgentSignal(InstructionProgressKind.Text, delta));
                }
            }
        }

        private string TakePartial(string chunk)
        {
            // Most servers send increments; some send the text so far. Either way only the new part is reported.
            if (pending.Length > 0 && chunk.StartsWith(pending, StringComparison.Ordinal))
            {
                var delta = chunk.Substring(pending.Length);
                pending = chunk;
                return delta;
            }

            pending += chunk;
            return chunk;
        }

        private string TakeFinal(string text)
        {
            var streamed = pending;
            pending = string.Empty;
            if (streamed.Length == 0 && finals.Count > 0 && finals[finals.Count - 1] == text)
            {
                // The same final event twice (a retransmission) is one reply.
                return string.Empty;
            }

            finals.Add(text);
            if (streamed.Length == 0)
            {
                return text;
            }

            // The final repeats what was streamed; report only what the chunks did not already show.
            return text.StartsWith(streamed, StringComparison.Ordinal) ? text.Substring(streamed.Length) : string.Empty;
        }

        private void TakeResponse(JsonElement response)
        {
            var id = JsonFields.String(response, "id");
            var name = JsonFields.String(response, "name");
            var index = toolCalls.FindLastIndex(call => call.ResponseJson is null && (id != null ? call.Id == id : call.Name == name));
            var raw = RawOrNull(response, "response");
            if (index >= 0)
            {
                toolCalls[index] = toolCalls[index] with { ResponseJson = raw };
            }
            else
            {
                toolCalls.Add(new NemoToolCall(id, name ?? "tool", null, raw));
            }
        }

        private void ThrowIfError(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            string? message = null;
            int? code = null;
            if (JsonFields.TryGet(root, out var error, "error"))
            {
                message = error.ValueKind == JsonValueKind.String ? error.GetString() : JsonFields.String(error, "message", "msg") ?? error.GetRawText();
                code = (int?)JsonFields.Integer(error, "code");
            }
            else if (JsonFields.TryGet(root, out _, "errorCode", "errorMessage"))
            {
                message = JsonFields.String(root, "errorMessage") ?? JsonFields.String(root, "errorCode");
            }
            else
            {
                return;
            }

            if (code.HasValue && code.Value != 0)
            {
                throw ApiErrors.FromCode(code.Value, null, message, context, error);
            }

            throw Failure.Of(
                NemoErrorIds.InstructionAgentError,
                NemoErrorCategory.InvalidResult,
                $"The agent failed while working on the instruction: {message}. It may be partly applied.",
                "Check the timeline with Get-NemoState before trying again.",
                context.Target,
                secret: context.Secret);
        }

        private static string? RawOrNull(JsonElement element, string name) =>
            JsonFields.TryGet(element, out var value, name) ? value.GetRawText() : null;
    }
}

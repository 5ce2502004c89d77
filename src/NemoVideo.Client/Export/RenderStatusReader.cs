using System;
using System.Collections.Generic;
using System.Text.Json;

namespace NemoVideo.Client
{
    /// <summary>Reads a render's status answer: status word, progress on either scale, output URL and failure reason.</summary>
    internal static class RenderStatusReader
    {
        public static RenderJob Apply(RenderJob job, JsonElement payload)
        {
            var status = Status(JsonFields.String(payload, "status", "state"), job.Status);
            var progress = status == RenderStatus.Completed ? 1.0 : Fraction(JsonFields.Number(payload, "progress", "percent")) ?? job.Progress;
            var output = JsonFields.TryGet(payload, out var outputElement, "output") ? JsonFields.String(outputElement, "url", "download_url") : null;
            output ??= JsonFields.String(payload, "output_url", "outputUrl", "url", "download_url");
            return job with
            {
                Status = status,
                Progress = progress,
                OutputUrl = output ?? job.OutputUrl,
                Error = Reason(payload) ?? job.Error,
                Transient = TransientFlag(payload) ?? job.Transient,
                ErrorId = JsonFields.String(payload, "error_id", "errorId") ?? job.ErrorId,
                Notes = Texts(payload, "notes") ?? job.Notes,
                Warnings = Texts(payload, "warnings") ?? job.Warnings,
                // Not carried over: the place changes with every poll, and a job that runs has none.
                QueuePosition = status == RenderStatus.Pending ? Position(payload) : null,
            };
        }

        /// <summary>The optional <c>queue_position</c> (a whole number ≥ 1); null when absent or not such a number.</summary>
        private static int? Position(JsonElement payload)
        {
            var value = JsonFields.Number(payload, "queue_position", "queuePosition");
            return value is double number && number >= 1 && number <= int.MaxValue && Math.Floor(number) == number ? (int)number : (int?)null;
        }

        /// <summary>A list of strings (our local server's <c>notes</c>/<c>warnings</c>); null when absent or not such a list.</summary>
        private static IReadOnlyList<string>? Texts(JsonElement payload, string name)
        {
            if (payload.ValueKind != JsonValueKind.Object || !JsonFields.TryGet(payload, out var list, name) || list.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var texts = new List<string>();
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(item.GetString()))
                {
                    texts.Add(item.GetString()!);
                }
            }

            return texts;
        }

        /// <summary><c>transient</c> or <c>retryable</c> as a boolean, top level or inside <c>error</c>; null when absent.</summary>
        private static bool? TransientFlag(JsonElement payload)
        {
            foreach (var holder in new[] { payload, JsonFields.TryGet(payload, out var error, "error") ? error : default })
            {
                if (holder.ValueKind == JsonValueKind.Object
                    && JsonFields.TryGet(holder, out var flag, "transient", "retryable", "retriable")
                    && (flag.ValueKind == JsonValueKind.True || flag.ValueKind == JsonValueKind.False))
                {
                    return flag.ValueKind == JsonValueKind.True;
                }
            }

            return null;
        }

        /// <summary>0..1 whichever scale the service used: anything above 1 is taken as a percentage.</summary>
        public static double? Fraction(double? value)
        {
            if (value is null || double.IsNaN(value.Value))
            {
                return null;
            }

            var fraction = value.Value > 1 ? value.Value / 100 : value.Value;
            return Math.Max(0, Math.Min(1, fraction));
        }

        private static RenderStatus Status(string? text, RenderStatus fallback)
        {
            switch (text?.Trim().ToLowerInvariant())
            {
                case null:
                case "":
                    return fallback;
                case "pending":
                case "queued":
                case "submitted":
                    return RenderStatus.Pending;
                case "completed":
                case "complete":
                case "succeeded":
                case "success":
                case "done":
                    return RenderStatus.Completed;
                case "failed":
                case "failure":
                case "error":
                case "cancelled":
                case "canceled":
                    return RenderStatus.Failed;
                default:
                    return RenderStatus.Processing;
            }
        }

        private static string? Reason(JsonElement payload)
        {
            if (!JsonFields.TryGet(payload, out var error, "error", "failure_reason", "reason"))
            {
                return null;
            }

            return error.ValueKind == JsonValueKind.String ? error.GetString() : JsonFields.String(error, "message", "msg") ?? error.GetRawText();
        }
    }
}

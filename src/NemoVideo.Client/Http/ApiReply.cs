using System.Text.Json;

namespace NemoVideo.Client
{
    /// <summary>A parsed JSON answer: the envelope's code and message when there was one, and the payload either way.</summary>
    internal readonly struct ApiReply
    {
        public ApiReply(int code, string? message, JsonElement payload)
        {
            Code = code;
            Message = message;
            Payload = payload;
        }

        public int Code { get; }

        public string? Message { get; }

        /// <summary><c>data</c> for an enveloped answer, the whole object otherwise.</summary>
        public JsonElement Payload { get; }

        /// <summary>
        /// Reads <c>{"code","message","data"}</c> or a bare payload. An object counts as an envelope when its <c>code</c> is a
        /// number and it also has <c>data</c>, <c>message</c> or <c>msg</c>, so a payload that merely has a code field is not
        /// mistaken for one.
        /// </summary>
        public static ApiReply Parse(JsonElement root)
        {
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("code", out var code)
                && code.ValueKind == JsonValueKind.Number
                && code.TryGetInt32(out var codeValue)
                && (root.TryGetProperty("data", out _) || root.TryGetProperty("message", out _) || root.TryGetProperty("msg", out _)))
            {
                var message = JsonFields.String(root, "message", "msg");
                var payload = JsonFields.TryGet(root, out var data, "data") ? data : root;
                return new ApiReply(codeValue, message, payload);
            }

            return new ApiReply(0, null, root);
        }
    }
}

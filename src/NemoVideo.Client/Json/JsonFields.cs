using System.Globalization;
using System.Text.Json;

namespace NemoVideo.Client
{
    /// <summary>
    /// Tolerant field access: the service's shapes are only partly published, so a value may be missing, null, a number
    /// or a number in a string, and may go by one of several names.
    /// </summary>
    internal static class JsonFields
    {
        public static bool TryGet(JsonElement element, out JsonElement value, params string[] names)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in names)
                {
                    if (element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
                    {
                        return true;
                    }
                }
            }

            value = default;
            return false;
        }

        public static string? String(JsonElement element, params string[] names)
        {
            if (!TryGet(element, out var value, names))
            {
                return null;
            }

            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            };
        }

        public static double? Number(JsonElement element, params string[] names)
        {
            if (!TryGet(element, out var value, names))
            {
                return null;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number))
            {
                return number;
            }

            return value.ValueKind == JsonValueKind.String
                && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : (double?)null;
        }

        public static long? Integer(JsonElement element, params string[] names)
        {
            var number = Number(element, names);
            return number is null ? (long?)null : (long)System.Math.Round(number.Value);
        }

        public static bool Flag(JsonElement element, string name) =>
            TryGet(element, out var value, name) && value.ValueKind == JsonValueKind.True;
    }
}

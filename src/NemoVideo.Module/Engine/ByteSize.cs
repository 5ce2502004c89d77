using System.Globalization;

namespace NemoVideo.Module.Engine
{
    /// <summary>Sizes for people, in PowerShell's binary units (its 50MB literal is 50 MiB).</summary>
    public static class ByteSize
    {
        private static readonly string[] Units = { "B", "KB", "MB", "GB", "TB" };

        public static string Format(long bytes)
        {
            double value = bytes;
            var unit = 0;
            while (value >= 1024 && unit < Units.Length - 1)
            {
                value /= 1024;
                unit++;
            }

            return unit == 0
                ? bytes.ToString(CultureInfo.InvariantCulture) + " B"
                : value.ToString("0.#", CultureInfo.InvariantCulture) + " " + Units[unit];
        }
    }
}

using System.Globalization;

namespace NemoVideo.Module.Engine
{
    /// <summary>
    /// Sizes for people in binary units, labelled as such (KiB, MiB = 2^20 bytes): PowerShell's 50MB literal is
    /// 52,428,800 bytes, and "50 MB" next to it would read as the 50,000,000 of the service's limits.
    /// </summary>
    public static class ByteSize
    {
        private static readonly string[] Units = { "B", "KiB", "MiB", "GiB", "TiB" };

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

        /// <summary>
        /// A ceiling as people and platforms state it: "10 MB (9.5 MiB)" when it is a round number of decimal MB or kB
        /// (-Platform Discord is 10,000,000 bytes), else as <see cref="Format"/> ("50 MiB" for PowerShell's 50MB).
        /// </summary>
        public static string FormatCeiling(long bytes)
        {
            if (bytes >= 1_000_000 && bytes % 100_000 == 0)
            {
                return (bytes / 1_000_000.0).ToString("0.#", CultureInfo.InvariantCulture) + " MB (" + Format(bytes) + ")";
            }

            return bytes >= 1_000 && bytes < 1_000_000 && bytes % 1_000 == 0
                ? (bytes / 1_000).ToString(CultureInfo.InvariantCulture) + " kB (" + Format(bytes) + ")"
                : Format(bytes);
        }
    }
}

using System.Reflection;

namespace NemoVideo.Client
{
    /// <summary>The version from Directory.Build.props, the same one the manifest carries.</summary>
    internal static class ClientVersion
    {
        public static readonly string Current = Read();

        private static string Read()
        {
            var assembly = typeof(ClientVersion).Assembly;
            var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            if (string.IsNullOrEmpty(informational))
            {
                return assembly.GetName().Version?.ToString(3) ?? "0.0.0";
            }

            // The SDK appends "+<commit>" to the informational version; the headers carry the release version only.
            var plus = informational!.IndexOf('+');
            return plus < 0 ? informational : informational.Substring(0, plus);
        }
    }
}

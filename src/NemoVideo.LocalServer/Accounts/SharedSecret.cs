using System.Security.Cryptography;
using System.Text;

namespace NemoVideo.LocalServer.Accounts;

/// <summary>The optional secret the anonymous-token call must carry (for a server reachable beyond loopback).</summary>
public static class SharedSecret
{
    public const string HeaderName = "X-Nemo-Server-Secret";
    public const string EnvironmentVariable = "NEMO_SERVER_SECRET";

    /// <summary>Compares in constant time, so the answer's timing does not leak how much of a guess was right.</summary>
    public static bool Matches(string expected, string offered) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(offered)));

    /// <summary>Reads the secret from a file (first line, trimmed); the command line only names the file.</summary>
    /// <exception cref="FormatException">The file is missing or empty.</exception>
    public static string ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"--token-secret-file: cannot read '{path}': {error.Message}");
        }

        var secret = text.Split('\n')[0].Trim();
        return secret.Length > 0 ? secret : throw new FormatException($"--token-secret-file: '{path}' is empty.");
    }
}

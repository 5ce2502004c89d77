using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NemoVideo.LocalServer.Tests.Cluster;

/// <summary>
/// A throwaway PostgreSQL cluster for one test class: initdb in a temporary folder, pg_ctl on a free loopback port,
/// trust authentication for user <c>nemo</c>; stopped and removed at disposal. PostgreSQL refuses to run as root, so
/// under root it runs as the <c>postgres</c> system user (runuser). <see cref="Start"/> returns null when PostgreSQL is
/// not installed, unless NEMO_REQUIRE_POSTGRES is set (CI), which makes that a failure.
/// </summary>
public sealed class ThrowawayPostgres : IDisposable
{
    private readonly string _bin;
    private readonly string _folder;
    private readonly string? _runAs;

    private ThrowawayPostgres(string bin, string folder, string? runAs, int port)
    {
        (_bin, _folder, _runAs, Port) = (bin, folder, runAs, port);
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=nemo;Database=postgres;Pooling=false";

    public const string MissingReason = "PostgreSQL is not installed (Debian: apt-get install -y postgresql); the cluster tests need it.";

    public static ThrowawayPostgres? Start()
    {
        var bin = FindBin();
        if (bin is null)
        {
            return Environment.GetEnvironmentVariable("NEMO_REQUIRE_POSTGRES") is { Length: > 0 }
                ? throw new InvalidOperationException(MissingReason + " NEMO_REQUIRE_POSTGRES says they must run.")
                : null;
        }

        var runAs = Environment.UserName == "root" ? "postgres" : null;
        var folder = Path.Combine(Path.GetTempPath(), "nemo-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        if (runAs is not null)
        {
            Run("chown", null, runAs, folder);
        }

        var port = FreePort();
        var data = Path.Combine(folder, "data");
        Run(Path.Combine(bin, "initdb"), runAs, "-D", data, "-U", "nemo", "--auth=trust", "-E", "UTF8", "--no-locale");
        var postgres = new ThrowawayPostgres(bin, folder, runAs, port);
        postgres.Resume();
        return postgres;
    }

    /// <summary>Stops the server (an outage); <see cref="Resume"/> starts it again on the same port and data.</summary>
    public void Halt() => Run(Path.Combine(_bin, "pg_ctl"), _runAs, "-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop");

    public void Resume()
    {
        var data = Path.Combine(_folder, "data");
        Run(Path.Combine(_bin, "pg_ctl"), _runAs, "-D", data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "start",
            "-o", $"-p {Port} -k {data} -c listen_addresses=127.0.0.1");
    }

    public void Dispose()
    {
        try
        {
            Run(Path.Combine(_bin, "pg_ctl"), _runAs, "-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static string? FindBin()
    {
        var root = "/usr/lib/postgresql";
        var candidates = Directory.Exists(root)
            ? Directory.GetDirectories(root).OrderByDescending(path => int.TryParse(Path.GetFileName(path), out var major) ? major : 0)
                .Select(path => Path.Combine(path, "bin"))
            : [];
        return candidates.FirstOrDefault(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string program, string? runAs, params string[] arguments)
    {
        var info = new ProcessStartInfo(runAs is null ? program : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (runAs is not null)
        {
            foreach (var part in (string[])["-u", runAs, "--", program])
            {
                info.ArgumentList.Add(part);
            }
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed: {output.Result}{error.Result}");
        }
    }
}

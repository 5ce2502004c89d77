using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using NemoVideo.Client;

namespace NemoVideo.Module.LocalServer
{
    /// <summary>
    /// What the bundled local server needs from the machine, checked before it starts so that a missing piece is named at
    /// once instead of surfacing as a process-start exception or a server that never announces its address: the
    /// <c>dotnet</c> host (<see cref="DotnetHost"/>: DOTNET_HOST_PATH, DOTNET_ROOT, then PATH) with the ASP.NET Core
    /// <see cref="RuntimeMajorVersion"/> shared runtime, and ffmpeg and ffprobe (NEMO_FFMPEG / NEMO_FFPROBE, else PATH,
    /// the same lookup the server makes).
    /// </summary>
    public sealed class LocalServerPrerequisites
    {
        /// <summary>The major version of Microsoft.AspNetCore.App the server is built for (net10.0).</summary>
        public const int RuntimeMajorVersion = 10;

        private const string AspNetCoreFramework = "Microsoft.AspNetCore.App";

        private const string DotnetInstall =
            "Install the ASP.NET Core Runtime 10 (it brings the dotnet host) - Windows: winget install Microsoft.DotNet.AspNetCore.10; "
            + "macOS: brew install --cask dotnet-sdk; Debian/Ubuntu: sudo apt-get install aspnetcore-runtime-10.0 "
            + "(on Debian from Microsoft's package repository, packages.microsoft.com). "
            + "If it is installed in a folder of its own, set DOTNET_ROOT to that folder.";

        private const string FfmpegInstall =
            "Install ffmpeg, which brings ffprobe - Windows: winget install Gyan.FFmpeg; macOS: brew install ffmpeg; "
            + "Debian/Ubuntu: sudo apt-get install ffmpeg. Or set NEMO_FFMPEG and NEMO_FFPROBE to the full paths of the programs.";

        private static readonly TimeSpan ListRuntimesTimeout = TimeSpan.FromSeconds(20);

        private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(5);

        private readonly Func<string, string?> environment;

        public LocalServerPrerequisites(Func<string, string?> environment)
        {
            this.environment = environment;
        }

        public static LocalServerPrerequisites FromProcessEnvironment() => new LocalServerPrerequisites(Environment.GetEnvironmentVariable);

        /// <summary>Throws when something the server needs is missing.</summary>
        /// <exception cref="NemoException">NotInstalled: Nemo.LocalServer.DotnetMissing (no dotnet host),
        /// Nemo.LocalServer.AspNetCoreMissing (a host without the ASP.NET Core 10 runtime),
        /// Nemo.LocalServer.FfmpegMissing (ffmpeg or ffprobe not found, or not a working ffmpeg/ffprobe: `-version` must exit 0 within 5 s and print "ffmpeg version"/"ffprobe version"). The message names every missing piece and how
        /// to install it on Windows, macOS and Debian/Ubuntu; TargetObject names the program that is missing.</exception>
        public void Verify()
        {
            var ffmpegProblems = new[] { FindTool("ffmpeg", "NEMO_FFMPEG"), FindTool("ffprobe", "NEMO_FFPROBE") }
                .Where(problem => problem != null).ToList();
            var ffmpegMessage = ffmpegProblems.Count == 0 ? null : string.Join(" ", ffmpegProblems) + " " + FfmpegInstall;

            var dotnet = FindDotnet();
            if (dotnet == null)
            {
                throw Missing(
                    ModuleErrorIds.LocalServerDotnetMissing,
                    $"Connect-Nemo -Local runs its server on .NET {RuntimeMajorVersion}, and no dotnet host was found "
                    + $"({SearchedForDotnet()}). {DotnetInstall}",
                    ffmpegMessage,
                    "dotnet");
            }

            var runtimes = ListAspNetCoreRuntimes(dotnet);
            if (!runtimes.Any(version => version.Major == RuntimeMajorVersion))
            {
                var found = runtimes.Count == 0 ? "none" : string.Join(", ", runtimes);
                throw Missing(
                    ModuleErrorIds.LocalServerAspNetCoreMissing,
                    $"Connect-Nemo -Local runs its server on the ASP.NET Core {RuntimeMajorVersion} runtime "
                    + $"({AspNetCoreFramework} {RuntimeMajorVersion}.x), which the dotnet host {dotnet} does not have (it has: {found}). {DotnetInstall}",
                    ffmpegMessage,
                    AspNetCoreFramework);
            }

            if (ffmpegMessage != null)
            {
                throw Missing(ModuleErrorIds.LocalServerFfmpegMissing, "Connect-Nemo -Local compresses with ffmpeg. " + ffmpegMessage, null,
                    ffmpegProblems.Count == 2 ? "ffmpeg" : ffmpegProblems[0]!.StartsWith("ffprobe", StringComparison.Ordinal) ? "ffprobe" : "ffmpeg");
            }
        }

        /// <summary>The versions of Microsoft.AspNetCore.App in <c>dotnet --list-runtimes</c> output
        /// ("Microsoft.AspNetCore.App 10.0.1 [/usr/share/dotnet/shared/Microsoft.AspNetCore.App]").</summary>
        public static IReadOnlyList<Version> ParseAspNetCoreRuntimes(string listRuntimesOutput) =>
            listRuntimesOutput.Split('\n')
                .Select(line => line.Trim().Split(' '))
                .Where(parts => parts.Length >= 2 && parts[0] == AspNetCoreFramework)
                .Select(parts => Version.TryParse(parts[1].Split('-')[0], out var version) ? version : null)
                .Where(version => version != null)
                .Select(version => version!)
                .ToList();

        private NemoException Missing(string errorId, string message, string? alsoMissing, string target) => new NemoException(
            errorId,
            NemoErrorCategory.NotInstalled,
            alsoMissing == null ? message : message + " Also missing: " + alsoMissing,
            "Install what the message names, then run Connect-Nemo -Local again.",
            target);

        private string? FindDotnet()
        {
            var host = DotnetHost.Find(environment);
            return System.IO.Path.IsPathRooted(host) ? (File.Exists(host) ? host : null) : FindOnPath(host);
        }

        private string SearchedForDotnet()
        {
            var root = environment("DOTNET_ROOT");
            return string.IsNullOrEmpty(root) ? "searched PATH" : $"searched DOTNET_ROOT={root} and PATH";
        }

        /// <returns>null when found and working, else what is wrong.</returns>
        private string? FindTool(string tool, string variable)
        {
            var configured = environment(variable);
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return !File.Exists(configured)
                    ? $"{tool}: {variable} is {configured}, and no file is there."
                    : NotWorking(tool, configured!, $"{configured} (set by {variable})");
            }

            var executable = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? tool + ".exe" : tool;
            var found = FindOnPath(executable);
            return found == null ? $"{tool} was not found on PATH." : NotWorking(tool, found, $"{found} (on PATH)");
        }

        /// <summary>A file by the right name is not enough (NEMO_FFMPEG=/bin/false would pass and fail at the first
        /// render): the program must answer <c>-version</c> within <see cref="VersionTimeout"/>, exit 0 and print
        /// "ffmpeg version ..." (or "ffprobe version ...").</summary>
        /// <returns>null when it is a working <paramref name="tool"/>, else what is wrong.</returns>
        private static string? NotWorking(string tool, string path, string where)
        {
            var info = new ProcessStartInfo(path, "-version")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                CreateNoWindow = true,
            };
            try
            {
                using var process = Process.Start(info)!;
                process.StandardInput.Close();
                _ = process.StandardError.ReadToEndAsync();
                var output = process.StandardOutput.ReadToEndAsync();
                if (!process.WaitForExit((int)VersionTimeout.TotalMilliseconds))
                {
                    try
                    {
                        process.Kill();
                    }
                    catch (InvalidOperationException)
                    {
                    }

                    return $"{tool}: {where} is not a working {tool}: '{path} -version' did not answer within {VersionTimeout.TotalSeconds:0} s.";
                }

                process.WaitForExit();
                var text = output.Result.TrimStart();
                if (process.ExitCode != 0 || !text.StartsWith(tool + " version", StringComparison.Ordinal))
                {
                    var firstLine = text.Split('\n')[0].Trim();
                    return $"{tool}: {where} is not a working {tool}: '{path} -version' exited with {process.ExitCode}"
                        + (firstLine.Length == 0 ? " and printed nothing" : $" and printed '{firstLine}'")
                        + $" instead of '{tool} version ...'.";
                }

                return null;
            }
            catch (Win32Exception failure)
            {
                return $"{tool}: {where} is not a working {tool}: it cannot be run ({failure.Message}).";
            }
        }

        private string? FindOnPath(string executable) =>
            (environment("PATH") ?? string.Empty).Split(new[] { System.IO.Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries)
                .Select(directory => System.IO.Path.Combine(directory.Trim('"'), executable))
                .FirstOrDefault(File.Exists);

        private static IReadOnlyList<Version> ListAspNetCoreRuntimes(string dotnet)
        {
            var info = new ProcessStartInfo(dotnet, "--list-runtimes")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };
            try
            {
                using var process = Process.Start(info)!;
                _ = process.StandardError.ReadToEndAsync();
                var output = process.StandardOutput.ReadToEndAsync();
                if (!process.WaitForExit((int)ListRuntimesTimeout.TotalMilliseconds))
                {
                    process.Kill();
                    return new Version[0];
                }

                return ParseAspNetCoreRuntimes(output.Result);
            }
            catch (Win32Exception)
            {
                // Found but not runnable (no execute permission, wrong architecture): it has no runtime we can use.
                return new Version[0];
            }
        }
    }
}

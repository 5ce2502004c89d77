using NemoVideo.LocalServer.Hosting;

if (args.Any(argument => argument is "--help" or "-h" or "-?" or "/?"))
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

LocalServerOptions options;
try
{
    options = CommandLine.Parse(args);
}
catch (FormatException error)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

RunningLocalServer server;
try
{
    server = await LocalServerHost.StartAsync(options, CancellationToken.None);
}
catch (Exception error) when (error is UnsafeDataFolderException or NemoVideo.LocalServer.State.StateStoreException)
{
    Console.Error.WriteLine(error.Message);
    return 3;
}
catch (OperationCanceledException)
{
    // Told to stop (stdin closed, parent gone, SIGTERM) before it finished starting: a clean stop.
    return 0;
}
catch (IOException error)
{
    // Port taken or address not available: say so plainly instead of a stack trace.
    Console.Error.WriteLine($"Cannot listen on {options.Url}: {error.Message}");
    return 1;
}

await using var disposal = server;
// The engine keeps two-pass statistics in a temporary folder: put it inside this run's folder, so even a server that
// is killed outright leaves none of them in the shared temp folder (the next start removes abandoned run folders).
var scratch = Path.Combine(server.RunDirectory, "tmp");
Directory.CreateDirectory(scratch);
Environment.SetEnvironmentVariable("TMPDIR", scratch);
try
{
    // The module reads exactly this first line to learn the port; nothing else may reach stdout before it.
    Console.Out.WriteLine($"NemoVideo.LocalServer listening on {server.Url.GetLeftPart(UriPartial.Authority)}");
    Console.Out.Flush();
}
catch (IOException)
{
    // Nobody reads stdout any more: whoever started the server is gone, so it stops (disposal cleans up).
    return 0;
}

await server.WaitForShutdownAsync();
return 0;

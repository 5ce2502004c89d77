using NemoVideo.LocalServer.Hosting;

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

await using var server = await LocalServerHost.StartAsync(options, CancellationToken.None);
// The module reads exactly this first line to learn the port; nothing else may reach stdout before it.
Console.Out.WriteLine($"NemoVideo.LocalServer listening on {server.Url.GetLeftPart(UriPartial.Authority)}");
Console.Out.Flush();
await server.WaitForShutdownAsync();
return 0;

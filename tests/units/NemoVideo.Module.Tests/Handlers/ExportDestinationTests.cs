using System.Management.Automation;
using NemoVideo.Module.Engine;
using NemoVideo.Module.Handlers;
using NemoVideo.Module.Tests.Fakes;

namespace NemoVideo.Module.Tests.Handlers;

/// <summary>Issue 9: Export-NemoVideo checks its destination before it submits a render, not after the render ran.</summary>
public sealed class ExportDestinationTests : FileSystemTest
{
    [Fact]
    public async Task A_read_only_Destination_folder_stops_the_export_before_any_render()
    {
        var folder = System.IO.Directory.CreateDirectory(Directory.Combine("exports")).FullName;
        using var readOnly = OutputPreflightTests.ReadOnlyFolder.Make(folder);
        Assert.SkipWhen(readOnly is null, "This machine cannot make a folder read-only for the current user (neither chmod nor chattr works).");

        var stopped = await Assert.ThrowsAsync<CommandTerminatedException>(() => Export(new ExportRequest(folder, null, false, false)));

        AssertNothingRendered(stopped.Error, "Nemo.Export.DestinationNotWritable", ErrorCategory.PermissionDenied, folder);
    }

    [Fact]
    public async Task An_OutFile_in_a_read_only_folder_stops_the_export_before_any_render()
    {
        var folder = System.IO.Directory.CreateDirectory(Directory.Combine("exports")).FullName;
        using var readOnly = OutputPreflightTests.ReadOnlyFolder.Make(folder);
        Assert.SkipWhen(readOnly is null, "This machine cannot make a folder read-only for the current user (neither chmod nor chattr works).");
        var outFile = Path.Combine(folder, "final.mp4");

        var stopped = await Assert.ThrowsAsync<CommandTerminatedException>(() => Export(new ExportRequest(null, outFile, false, false)));

        AssertNothingRendered(stopped.Error, "Nemo.Export.DestinationNotWritable", ErrorCategory.PermissionDenied, outFile);
    }

    [Fact]
    public async Task An_OutFile_under_a_file_instead_of_a_folder_stops_the_export_before_any_render()
    {
        Directory.File("exports", 10);
        var outFile = Directory.Combine("exports", "final.mp4");

        var stopped = await Assert.ThrowsAsync<CommandTerminatedException>(() => Export(new ExportRequest(null, outFile, false, false)));

        AssertNothingRendered(stopped.Error, "Nemo.Export.DestinationNotWritable", ErrorCategory.PermissionDenied, outFile);
    }

    [Fact]
    public async Task An_OutFile_that_is_an_existing_folder_stops_the_export_before_any_render()
    {
        var folder = System.IO.Directory.CreateDirectory(Directory.Combine("final.mp4")).FullName;

        var stopped = await Assert.ThrowsAsync<CommandTerminatedException>(() => Export(new ExportRequest(null, folder, false, Force: true)));

        AssertNothingRendered(stopped.Error, "Nemo.Export.OutFileIsFolder", ErrorCategory.InvalidArgument, folder);
        Assert.Contains("-Destination", stopped.Error.RecommendedAction);
    }

    [Fact]
    public async Task A_full_disk_stops_the_export_before_any_render()
    {
        var folder = Directory.Combine("exports");

        var stopped = await Assert.ThrowsAsync<CommandTerminatedException>(
            () => Export(new ExportRequest(folder, null, false, false), new OutputPreflight(_ => 4096)));

        AssertNothingRendered(stopped.Error, "Nemo.Export.NotEnoughSpace", ErrorCategory.ResourceUnavailable, folder);
    }

    [Fact]
    public async Task A_disk_with_room_exports_as_before()
    {
        await Export(new ExportRequest(null, Directory.Combine("out", "final.mp4"), false, false), new OutputPreflight(_ => 10L * 1024 * 1024));

        Assert.Empty(Host.Errors);
        Assert.Equal(1000, new FileInfo(Directory.Combine("out", "final.mp4")).Length);
    }

    private void AssertNothingRendered(CommandError error, string errorId, ErrorCategory category, string destination)
    {
        Assert.Equal((errorId, category, (object?)destination), (error.ErrorId, error.Category, error.TargetObject));
        Assert.Contains("Nothing was rendered", error.Exception.Message);
        Assert.DoesNotContain(".partial", error.Exception.Message);
        Assert.DoesNotContain(Client.Calls, call => call.StartsWith("Render") || call.StartsWith("Download"));
    }

    private Task Export(ExportRequest request, OutputPreflight? preflight = null) =>
        new ExportHandler(TestConnections.Resolver(Client), [new(null, null)], request, new ManualTimeProvider(), preflight)
            .ExecuteAsync(Host, CancellationToken.None);
}

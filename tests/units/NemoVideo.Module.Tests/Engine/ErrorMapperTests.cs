using System.Management.Automation;
using NemoVideo.Client;
using NemoVideo.Module.Engine;

namespace NemoVideo.Module.Tests.Engine;

public class ErrorMapperTests
{
    [Fact]
    public void Every_client_category_maps_to_the_PowerShell_category_of_the_same_name()
    {
        foreach (var category in Enum.GetValues<NemoErrorCategory>())
        {
            Assert.Equal(category.ToString(), ErrorMapper.ToCategory(category).ToString());
        }
    }

    [Fact]
    public void A_client_error_keeps_its_id_action_and_target()
    {
        var failure = new NemoException(NemoErrorIds.SessionNotFound, NemoErrorCategory.ObjectNotFound, "Session s1 not found.", "Run Connect-Nemo.", target: "s1");

        var error = ErrorMapper.FromException(failure, null);

        Assert.Equal("Nemo.Session.NotFound", error.ErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.Category);
        Assert.Equal("s1", error.TargetObject);
        Assert.Equal("Run Connect-Nemo.", error.RecommendedAction);
        Assert.Same(failure, error.Exception);
    }

    [Fact]
    public void The_callers_target_wins_and_file_system_failures_get_their_own_id()
    {
        var error = ErrorMapper.FromException(new UnauthorizedAccessException("denied"), "/videos/a.mp4");

        Assert.Equal(ErrorMapper.FileSystemErrorId, error.ErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, error.Category);
        Assert.Equal("/videos/a.mp4", error.TargetObject);
    }
}

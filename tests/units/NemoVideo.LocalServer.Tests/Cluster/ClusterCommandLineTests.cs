using NemoVideo.LocalServer.Cluster;
using NemoVideo.LocalServer.Hosting;

namespace NemoVideo.LocalServer.Tests.Cluster;

public class ClusterCommandLineTests
{
    private const string Database = "Host=127.0.0.1;Port=5432;Username=nemo;Database=nemo";

    [Fact]
    public void WithoutClusterDbTheServerIsOneMachine() => Assert.Null(CommandLine.Parse([]).Cluster);

    [Fact]
    public void ClusterOptionsAreRead()
    {
        var options = CommandLine.Parse(["--cluster-db", Database, "--role", "worker", "--shared-dir", "/srv/nemo",
            "--worker-name", "render-7", "--job-timeout", "45"]);

        var cluster = Assert.IsType<ClusterOptions>(options.Cluster);
        Assert.Equal((Database, ClusterRole.Worker, "/srv/nemo", "render-7", TimeSpan.FromSeconds(45)),
            (cluster.ConnectionString, cluster.Role, cluster.SharedDirectory, cluster.WorkerName, cluster.JobTimeout));
        Assert.True(cluster.RunsRenders);
        Assert.False(cluster.ServesApi);
    }

    [Fact]
    public void TheRoleDefaultsToBoth()
    {
        var cluster = CommandLine.Parse(["--cluster-db", Database, "--shared-dir", "/srv/nemo"]).Cluster!;

        Assert.Equal(ClusterRole.All, cluster.Role);
        Assert.True(cluster.ServesApi && cluster.RunsRenders);
    }

    [Fact]
    public void TheConnectionStringCanComeFromTheEnvironment()
    {
        const string variable = "NEMO_TEST_CLUSTER_DB_FROM_ENV";
        Environment.SetEnvironmentVariable(variable, Database + ";Password=s3cret-value");
        try
        {
            var cluster = CommandLine.Parse(["--cluster-db", "env:" + variable, "--shared-dir", "/srv/nemo"]).Cluster!;

            Assert.Equal(Database + ";Password=s3cret-value", cluster.ConnectionString);
            Assert.DoesNotContain("s3cret", cluster.SafeDescription());
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Theory]
    [InlineData("--role", "api")]
    [InlineData("--shared-dir", "/srv/nemo")]
    public void ClusterOptionsNeedTheDatabase(string name, string value) =>
        Assert.Contains("--cluster-db", Assert.Throws<FormatException>(() => CommandLine.Parse([name, value])).Message);

    [Fact]
    public void TheClusterNeedsASharedFolder() =>
        Assert.Contains("--shared-dir", Assert.Throws<FormatException>(() => CommandLine.Parse(["--cluster-db", Database])).Message);

    [Fact]
    public void AnUnknownRoleIsRefused() =>
        Assert.Throws<FormatException>(() => CommandLine.Parse(["--cluster-db", Database, "--shared-dir", "/x", "--role", "boss"]));

    [Fact]
    public void AClusterIsNotInMemory() =>
        Assert.Throws<FormatException>(() => CommandLine.Parse(["--cluster-db", Database, "--shared-dir", "/x", "--in-memory"]));

    [Fact]
    public void ABadConnectionStringIsRefusedWithoutRepeatingIt()
    {
        var error = Assert.Throws<FormatException>(() => CommandLine.Parse(["--cluster-db", "Passwordd=hunter2;;=", "--shared-dir", "/x"]));

        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public void AMissingEnvironmentVariableIsNamed() =>
        Assert.Contains("NEMO_TEST_UNSET_VARIABLE",
            Assert.Throws<FormatException>(() => CommandLine.Parse(["--cluster-db", "env:NEMO_TEST_UNSET_VARIABLE", "--shared-dir", "/x"])).Message);
}

using Hangfire;
using Hangfire.PostgreSql;
using Npgsql;

namespace NemoVideo.LocalServer.Cluster;

/// <summary>
/// Sets a node up for cluster mode: the PostgreSQL data source and state store, Hangfire on PostgreSQL storage, a
/// Hangfire server on worker nodes, and on API nodes the dispatcher, the status endpoint and Hangfire's dashboard
/// (loopback only).
/// </summary>
internal static class ClusterHost
{
    public const string DashboardPath = "/hangfire";

    private const string HangfireSchema = "hangfire";

    /// <summary>Opens the database (making or upgrading the nemo schema) and checks the shared folder is the cluster's.</summary>
    /// <exception cref="State.StateStoreException">
    /// The database cannot be reached or is from a newer server; the shared folder is missing, not writable or another cluster's.
    /// </exception>
    public static (NpgsqlDataSource Database, PostgresStateStore Store) Open(ClusterOptions cluster)
    {
        var database = NpgsqlDataSource.Create(cluster.ConnectionString);
        try
        {
            PostgresSchema.Migrate(database, HangfireSchema);
            SharedFolder.Verify(database, cluster);
        }
        catch (NpgsqlException error)
        {
            database.Dispose();
            var builder = new NpgsqlConnectionStringBuilder(cluster.ConnectionString);
            // The message names the database, never the connection string (it may carry a password).
            throw new State.StateStoreException(
                $"Cannot use the cluster's {cluster.SafeDescription()}: {error.Message}. Is PostgreSQL running and reachable at "
                + $"{builder.Host}:{builder.Port}? Start it (or fix --cluster-db), then start this node again; run nodes under a restart "
                + "policy (systemd Restart=on-failure) so a node started before the database comes up retries by itself.", error);
        }
        catch
        {
            database.Dispose();
            throw;
        }

        return (database, new PostgresStateStore(database, cluster.SharedDirectory));
    }

    public static void ConfigureServices(IServiceCollection services, Hosting.LocalServerOptions options, ClusterOptions cluster,
        NpgsqlDataSource database)
    {
        services.AddSingleton(cluster);
        services.AddSingleton(database);
        services.AddSingleton<RenderJobRows>();
        services.AddSingleton<ClusterStatus>();
        services.AddHangfire(configuration => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(connection => connection.UseNpgsqlConnection(cluster.ConnectionString), new PostgreSqlStorageOptions
            {
                SchemaName = HangfireSchema,
                // Installed by PostgresSchema.Migrate under the cluster's migration lock.
                PrepareSchemaIfNecessary = false,
                QueuePollInterval = cluster.PollInterval,
                // Sliding: a live worker keeps renewing the jobs it holds, so this is only how long the job of a worker
                // that died waits before another worker takes it.
                InvisibilityTimeout = cluster.JobTimeout,
                UseSlidingInvisibilityTimeout = true,
            }));
        if (cluster.ServesApi)
        {
            services.AddSingleton<ClusterDispatcher>();
            services.AddSingleton<OrphanedRenders>();
            services.AddHostedService(provider => provider.GetRequiredService<OrphanedRenders>());
            services.AddSingleton<Rendering.IRenderDispatcher>(provider => provider.GetRequiredService<ClusterDispatcher>());
        }

        if (cluster.RunsRenders)
        {
            services.AddTransient<RenderWorkerJob>();
            services.AddHangfireServer(server =>
            {
                server.ServerName = cluster.WorkerName;
                server.Queues = [ClusterDispatcher.QueueName];
                server.WorkerCount = options.MaxConcurrentRenders;
                server.HeartbeatInterval = TimeSpan.FromSeconds(5);
                server.ServerCheckInterval = TimeSpan.FromSeconds(15);
                server.ServerTimeout = TimeSpan.FromSeconds(Math.Max(30, cluster.JobTimeout.TotalSeconds));
                server.SchedulePollingInterval = TimeSpan.FromSeconds(2);
                server.ShutdownTimeout = TimeSpan.FromSeconds(10);
            });
        }
    }

    /// <summary>The operator's views: GET /local/cluster and the dashboard, both answered only to loopback callers.</summary>
    public static void Map(WebApplication app)
    {
        app.MapGet("/local/cluster", (HttpContext context, ClusterStatus status) =>
            IsLoopback(context) ? Results.Json(status.Snapshot(), Api.ServerJson.Rest) : Results.NotFound());
        app.UseWhen(context => context.Request.Path.StartsWithSegments(DashboardPath) && HttpMethods.IsPost(context.Request.Method),
            dashboard => dashboard.Use(RefuseMalformedDashboardPostsAsync));
        app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new Hangfire.Dashboard.LocalRequestsOnlyAuthorizationFilter()],
            DisplayStorageConnectionString = false,
            DashboardTitle = "NemoVideo render queue",
        });
    }

    /// <summary>
    /// The dashboard's posts are forms its own pages send; one that is not a form, or that the dashboard cannot read (a
    /// hand-made curl without its fields), is the caller's mistake: 400, not a 500 that says to restart the server.
    /// </summary>
    private static async Task RefuseMalformedDashboardPostsAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.HasFormContentType)
        {
            await Api.ApiResults.Error(Api.ApiErrors.BadRequest("Dashboard requests are form posts sent by the dashboard's pages; open "
                + DashboardPath + " in a browser on this machine.")).ExecuteAsync(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (Exception error) when (!context.Response.HasStarted && !DatabaseOutage.Is(error)
            && error is NullReferenceException or ArgumentException or InvalidOperationException or FormatException or InvalidDataException)
        {
            context.Response.Clear();
            await Api.ApiResults.Error(Api.ApiErrors.BadRequest("The dashboard request lacks the fields its pages send; open "
                + DashboardPath + " in a browser on this machine.")).ExecuteAsync(context);
        }
    }

    private static bool IsLoopback(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address && System.Net.IPAddress.IsLoopback(address);
}

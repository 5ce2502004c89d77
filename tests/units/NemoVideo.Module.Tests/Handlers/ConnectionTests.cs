using System.Collections;
using System.Management.Automation;
using NemoVideo.Client;
using NemoVideo.Module.Connections;
using NemoVideo.Module.Engine;
using NemoVideo.Module.Handlers;
using NemoVideo.Module.Tests.Fakes;

namespace NemoVideo.Module.Tests.Handlers;

public class ConnectionTests
{
    private readonly FakeCommandHost host = new();
    private readonly FakeConnectionScope scope = new();
    private readonly FakeNemoClient client = new();
    private readonly FakeLocalServer server = new();
    private NemoClientOptions? options;

    [Fact]
    public async Task Connect_opens_a_session_outputs_the_connection_and_makes_it_the_default()
    {
        await Connect(new ConnectRequest(null, null, false, null, "zh"), new Hashtable());

        var connection = Assert.IsType<NemoConnection>(Assert.Single(host.Objects));
        Assert.Same(connection, scope.Current);
        Assert.Equal("s1", connection.SessionId);
        Assert.Equal("t1", connection.TaskId);
        Assert.Equal("zh", connection.Language);
        Assert.Equal("Anonymous", connection.Account);
        Assert.Equal("http://127.0.0.1:5999/workspace/claim?ct=clm_test", connection.BrowserLink!.ToString());
        Assert.False(connection.IsLocal);
        Assert.Equal(NemoClientOptions.DefaultApiBaseUrl, options!.ApiBaseUrl);
        Assert.Same(CommandLog.Instance, options.Log);
    }

    [Fact]
    public async Task Connect_with_a_session_id_resumes_it_and_a_supplied_token_reaches_the_client_but_no_text()
    {
        await Connect(new ConnectRequest(new Uri("https://nemo.example/"), "nmv_usr_secret123", false, "s42", "en"), new Hashtable());

        var connection = Assert.IsType<NemoConnection>(Assert.Single(host.Objects));
        Assert.Equal("s42", connection.SessionId);
        Assert.Contains("ResumeSession s42", client.Calls);
        Assert.DoesNotContain(client.Calls, call => call.StartsWith("CreateSession"));
        Assert.Equal("nmv_usr_secret123", options!.Token);
        Assert.Equal(new Uri("https://nemo.example/"), options.ApiBaseUrl);
        Assert.Equal("Token", connection.Account);
        Assert.DoesNotContain(host.AllText, text => text.Contains("secret123"));
    }

    [Fact]
    public async Task Connect_Local_uses_the_started_server_and_never_sends_it_the_hosted_token_from_the_environment()
    {
        await Connect(new ConnectRequest(null, null, true, null, "en"), new Hashtable { ["NEMO_TOKEN"] = "nmv_usr_hosted" });

        var connection = Assert.IsType<NemoConnection>(Assert.Single(host.Objects));
        Assert.True(connection.IsLocal);
        Assert.Equal(server.Endpoint, options!.ApiBaseUrl);
        Assert.Null(options.Token);
    }

    [Fact]
    public async Task Without_a_browser_link_the_connection_still_works_and_a_warning_says_why()
    {
        client.BrowserLinkFailure = new NemoException(NemoErrorIds.ApiServerError, NemoErrorCategory.ConnectionError, "claim failed");

        await Connect(new ConnectRequest(null, null, false, null, "en"), new Hashtable());

        Assert.Null(Assert.IsType<NemoConnection>(Assert.Single(host.Objects)).BrowserLink);
        Assert.Contains(host.Warnings, warning => warning.Contains("claim failed"));
    }

    [Fact]
    public async Task A_new_default_closes_the_one_it_replaces_and_its_local_server()
    {
        var previousClient = new FakeNemoClient();
        var previousServer = new FakeLocalServer();
        scope.Current = TestConnections.Open(previousClient, previousServer);

        await Connect(new ConnectRequest(null, null, false, null, "en"), new Hashtable());

        Assert.True(previousClient.Disposed);
        Assert.True(previousServer.Disposed);
        Assert.False(client.Disposed);
    }

    [Fact]
    public async Task A_failed_connect_stops_the_server_it_started_and_keeps_the_old_default()
    {
        var previous = TestConnections.Open(new FakeNemoClient());
        scope.Current = previous;
        var failing = new ConnectHandler(
            new ConnectRequest(null, null, true, null, "en"), new Hashtable(),
            _ => throw new NemoException(NemoErrorIds.ConfigInvalidUrl, NemoErrorCategory.InvalidArgument, "bad"),
            _ => Task.FromResult<ILocalServer>(server), scope, TimeProvider.System);

        await Assert.ThrowsAsync<NemoException>(() => failing.ExecuteAsync(host, CancellationToken.None));

        Assert.True(server.Disposed);
        Assert.Same(previous, scope.Current);
        Assert.Empty(host.Objects);
    }

    [Fact]
    public async Task Disconnect_closes_the_default_stops_its_server_and_clears_it()
    {
        scope.Current = TestConnections.Open(client, server);

        await new DisconnectHandler(scope, null, passThru: true).ExecuteAsync(host, CancellationToken.None);

        Assert.True(client.Disposed);
        Assert.True(server.Disposed);
        Assert.Null(scope.Current);
        Assert.True(Assert.IsType<NemoConnection>(Assert.Single(host.Objects)).IsClosed);
    }

    [Fact]
    public async Task Connect_with_a_session_id_the_service_does_not_know_fails_with_session_not_found()
    {
        client.OnGetState = session => throw new NemoException(NemoErrorIds.SessionNotFound, NemoErrorCategory.ObjectNotFound,
            $"Session {session.SessionId} was not found.", "Connect without -SessionId to start a new session.", session.SessionId, 1002);

        var error = await Assert.ThrowsAsync<NemoException>(() =>
            Connect(new ConnectRequest(new Uri("https://nemo.example/"), "nmv_usr_secret123", false, "ses_doesnotexist", "en"), new Hashtable()));

        Assert.Equal(NemoErrorIds.SessionNotFound, error.ErrorId);
        Assert.Equal("ses_doesnotexist", error.Target);
        Assert.Empty(host.Objects);
        Assert.Null(scope.Current);
    }

    [Fact]
    public async Task Disconnect_Forget_asks_ShouldProcess_and_warns_that_a_new_token_may_take_7_days()
    {
        var config = Path.Combine(Path.GetTempPath(), "nemo-forget-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(config);
        try
        {
            var stored = StoredTokens.PathIn(config);
            File.WriteAllText(stored, """{"tokens":[]}""");
            scope.Current = TestConnections.Open(client);
            host.ShouldProcessAnswer = false;

            await new DisconnectHandler(scope, null, passThru: false, forget: true, configDirectory: config).ExecuteAsync(host, CancellationToken.None);

            Assert.True(File.Exists(stored), "-WhatIf keeps the stored token");
            Assert.False(scope.Current!.IsClosed);
            Assert.Contains(host.ShouldProcessCalls, call => call.Target == stored);

            host.ShouldProcessAnswer = true;
            await new DisconnectHandler(scope, null, passThru: false, forget: true, configDirectory: config).ExecuteAsync(host, CancellationToken.None);

            Assert.False(File.Exists(stored));
            Assert.Contains(host.Warnings, warning => warning.Contains("up to 7 days") && warning.Contains("NEMO_TOKEN"));
        }
        finally
        {
            System.IO.Directory.Delete(config, recursive: true);
        }
    }

    [Fact]
    public async Task Disconnecting_another_connection_keeps_the_default()
    {
        var other = TestConnections.Open(new FakeNemoClient());
        scope.Current = TestConnections.Open(client);

        await new DisconnectHandler(scope, other, passThru: false).ExecuteAsync(host, CancellationToken.None);

        Assert.True(other.IsClosed);
        Assert.False(scope.Current.IsClosed);
        Assert.Empty(host.Objects);
    }

    [Fact]
    public async Task Get_context_shows_the_default_or_nothing()
    {
        await new ContextHandler(scope, null).ExecuteAsync(host, CancellationToken.None);
        Assert.Empty(host.Objects);

        scope.Current = TestConnections.Open(client);
        await new ContextHandler(scope, null).ExecuteAsync(host, CancellationToken.None);
        Assert.Same(scope.Current, Assert.Single(host.Objects));
    }

    [Fact]
    public void Commands_without_a_connection_fail_with_a_clear_terminating_error()
    {
        var failure = Assert.Throws<CommandTerminatedException>(() => new ConnectionResolver(scope, null).For(null));

        Assert.Equal("Nemo.Connection.NotConnected", failure.Error.ErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, failure.Error.Category);
        Assert.Contains("Connect-Nemo", failure.Error.RecommendedAction);
    }

    [Fact]
    public void A_closed_connection_passed_as_Session_is_refused()
    {
        var closed = TestConnections.Open(client);
        closed.Close();

        var failure = Assert.Throws<CommandTerminatedException>(() => new ConnectionResolver(scope, closed).For(null));

        Assert.Equal("Nemo.Connection.Closed", failure.Error.ErrorId);
        Assert.Same(closed, failure.Error.TargetObject);
    }

    [Fact]
    public void Another_session_id_is_resumed_on_the_same_client()
    {
        var connection = TestConnections.Open(client);

        var target = new ConnectionResolver(scope, connection).For("s9");

        Assert.Equal("s9", target.Session.SessionId);
        Assert.Same(client, target.Client);
        Assert.Same(connection.Session, new ConnectionResolver(scope, connection).For(connection.SessionId).Session);
    }

    private Task Connect(ConnectRequest request, IDictionary environment) =>
        new ConnectHandler(
            request,
            environment,
            created =>
            {
                options = created;
                return client;
            },
            _ => Task.FromResult<ILocalServer>(server),
            scope,
            TimeProvider.System).ExecuteAsync(host, CancellationToken.None);
}

public class ConnectRequestTests
{
    [Fact]
    public void Printing_a_request_never_shows_its_token()
    {
        var request = new ConnectRequest(null, "nmv_usr_secret123", false, "s1", "en");

        Assert.DoesNotContain("secret123", request.ToString());
        Assert.Contains("Token = (hidden)", request.ToString());
        Assert.Contains("SessionId = s1", request.ToString());
    }
}

public class LanguageCompleterTests
{
    [Theory]
    [InlineData("", 8)]
    [InlineData("z", 1)]
    [InlineData("E", 2)]
    [InlineData("xx", 0)]
    public void Completes_language_codes_by_prefix(string word, int expected) =>
        Assert.Equal(expected, NemoVideo.Module.Completion.LanguageCompleter.Complete(word).Count());
}

using RichardSzalay.MockHttp;

namespace NemoVideo.Client.Tests.Support;

/// <summary>A NemoClient wired to a MockHttp backend, a fake clock, a recording log and a private config folder.</summary>
public sealed class TestClient : IDisposable
{
    public const string Api = "https://api.test/";
    public const string Web = "https://web.test/";
    public const string UserToken = "user-secret-0123456789abcdef";

    private readonly List<SeenRequest> seen = new();

    public TestClient(
        string? token = UserToken,
        string? clientId = null,
        long? maxUploadBytes = null,
        int stateRecoveryAttempts = 6,
        double random = 0.5,
        string? configDirectory = null,
        bool acceptsTransportStreams = false)
    {
        var options = new NemoClientOptions
        {
            ApiBaseUrl = new Uri(Api),
            WebBaseUrl = new Uri(Web),
            Token = token,
            ClientId = clientId,
            SkillVersion = "9.8.7",
            ConfigDirectory = configDirectory ?? Folder.File("config"),
            TimeProvider = Time,
            Log = Log,
            Handler = Http,
            MaxUploadBytes = maxUploadBytes ?? NemoClientOptions.DefaultMaxUploadBytes,
            StateRecoveryAttempts = stateRecoveryAttempts,
            AcceptsTransportStreams = acceptsTransportStreams,
        };
        Client = new NemoClient(options, () => random);
    }

    public MockHttpMessageHandler Http { get; } = new();

    /// <summary>Short waits (retries, polls) run straight through; the 10/15-minute stream limits need Advance.</summary>
    public FakeTimeProvider Time { get; } = new() { AutoAdvanceUpTo = TimeSpan.FromMinutes(1) };

    public RecordingLog Log { get; } = new();

    public TempFolder Folder { get; } = new();

    public NemoClient Client { get; }

    public NemoSession Session => Client.ResumeSession("sess-1", "task-1", "en");

    public IReadOnlyList<SeenRequest> Seen
    {
        get
        {
            lock (seen)
            {
                return seen.ToList();
            }
        }
    }

    public IReadOnlyList<SeenRequest> SeenAt(string path) => Seen.Where(request => request.Uri.AbsolutePath == path).ToList();

    /// <summary>Answers <paramref name="method"/> on <paramref name="url"/> with the responders in turn (the last one repeats).</summary>
    public void On(HttpMethod method, string url, params Func<HttpRequestMessage, HttpResponseMessage>[] responders)
    {
        var calls = 0;
        Http.When(method, url).Respond(request =>
        {
            lock (seen)
            {
                seen.Add(SeenRequest.From(request));
            }

            var responder = responders[Math.Min(Interlocked.Increment(ref calls) - 1, responders.Length - 1)];
            return Task.FromResult(responder(request));
        });
    }

    public void OnState(params string[] stateJsons) =>
        On(HttpMethod.Get, Api + "api/state/nemo_agent/me/sess-1/latest", stateJsons.Select(json => (Func<HttpRequestMessage, HttpResponseMessage>)(_ => Responses.Ok($$"""{"state":{{json}}}"""))).ToArray());

    public void Dispose()
    {
        Client.Dispose();
        Http.Dispose();
        Folder.Dispose();
    }
}

using System;
using System.Collections;
using System.Net.Http;

namespace NemoVideo.Client
{
    /// <summary>Everything the client needs to know. The defaults are the hosted service and the contract's limits.</summary>
    public sealed class NemoClientOptions
    {
        public static readonly Uri DefaultApiBaseUrl = new Uri("https://mega-api-prod.nemovideo.ai/");
        public static readonly Uri DefaultWebBaseUrl = new Uri("https://nemovideo.com/");

        /// <summary>The product name sent as X-Skill-Source.</summary>
        public const string DefaultSkillSource = "nemovideo-powershell";

        /// <summary>
        /// The contract's "500 MB" read in decimal units, as the local server reads it: a file the service would refuse
        /// is refused here before its bytes are sent.
        /// </summary>
        public const long DefaultMaxUploadBytes = 500_000_000;

        /// <summary>X-Skill-Platform when SKILL_SOURCE is not set.</summary>
        public const string DefaultSkillPlatform = "powershell";

        private Uri apiBaseUrl = DefaultApiBaseUrl;
        private Uri webBaseUrl = DefaultWebBaseUrl;

        /// <summary>The API root; a missing trailing slash is added so paths below it resolve under it.</summary>
        public Uri ApiBaseUrl
        {
            get => apiBaseUrl;
            init => apiBaseUrl = BaseUrl.Normalize(value, nameof(ApiBaseUrl));
        }

        /// <summary>The web app root, for the browser link and the registration link.</summary>
        public Uri WebBaseUrl
        {
            get => webBaseUrl;
            init => webBaseUrl = BaseUrl.Normalize(value, nameof(WebBaseUrl));
        }

        /// <summary>A token the user supplied (NEMO_TOKEN). Null means "get an anonymous token".</summary>
        public string? Token { get; init; }

        /// <summary>The anonymous client id (NEMO_CLIENT_ID). Null means "read or create the client_id file".</summary>
        public string? ClientId { get; init; }

        public string SkillSource { get; init; } = DefaultSkillSource;

        /// <summary>X-Skill-Version and the User-Agent version; defaults to this assembly's version (the manifest's).</summary>
        public string SkillVersion { get; init; } = ClientVersion.Current;

        public string SkillPlatform { get; init; } = DefaultSkillPlatform;

        /// <summary>Where client_id and the stored anonymous tokens live; defaults to ~/.config/nemovideo.</summary>
        public string ConfigDirectory { get; init; } = ClientIdStore.DefaultDirectory();

        /// <summary>
        /// Keep the anonymous token in ConfigDirectory for later processes (the service gives one per client id per 7 days).
        /// False for a server that lives only as long as this process (Connect-Nemo -Local), whose tokens no one can reuse.
        /// </summary>
        public bool PersistAnonymousToken { get; init; } = true;

        /// <summary>
        /// Files above this are refused before upload. The hosted service's limit is 500 MB; the local server's limit is
        /// configurable, so the caller may raise this when talking to it.
        /// </summary>
        public long MaxUploadBytes { get; init; } = DefaultMaxUploadBytes;

        /// <summary>
        /// The server takes MPEG transport streams (.ts, .m2ts, .mts) as video. Our local server does; the hosted
        /// service's published list does not, so by default they are refused before upload with the remux command to run.
        /// </summary>
        public bool AcceptsTransportStreams { get; init; }

        public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

        public ILogSink? Log { get; init; }

        /// <summary>For tests and proxies: the handler under the client's HttpClient. The client does not dispose it.</summary>
        public HttpMessageHandler? Handler { get; init; }

        /// <summary>An instruction gives up after this long in all (contract: 15 minutes).</summary>
        public TimeSpan InstructionTotalTimeout { get; init; } = TimeSpan.FromMinutes(15);

        /// <summary>An instruction gives up after this long with nothing but heartbeats (contract: 10 minutes).</summary>
        public TimeSpan InstructionIdleTimeout { get; init; } = TimeSpan.FromMinutes(10);

        /// <summary>After a dropped or textless stream: how often the state is read, and how many times at most.</summary>
        public TimeSpan StateRecoveryInterval { get; init; } = TimeSpan.FromSeconds(5);

        public int StateRecoveryAttempts { get; init; } = 36;

        /// <summary>Render polling starts at the first value and doubles up to the second (the published 30 s).</summary>
        public TimeSpan RenderPollInitialDelay { get; init; } = TimeSpan.FromSeconds(2);

        public TimeSpan RenderPollMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

        /// <summary>A render is given up after this long in all, resubmission included.</summary>
        public TimeSpan RenderTimeout { get; init; } = TimeSpan.FromMinutes(20);

        /// <summary>
        /// Render polling gives up when the service has not been reachable at all (no answer, connection refused) for
        /// this long, rather than for the whole <see cref="RenderTimeout"/>: a server that is gone does not come back
        /// by being asked, and the batch journal lets a rerun continue the render.
        /// </summary>
        public TimeSpan RenderUnreachableTimeout { get; init; } = TimeSpan.FromMinutes(2);

        /// <summary>
        /// Reads NEMO_TOKEN, NEMO_API_URL, NEMO_WEB_URL, NEMO_CLIENT_ID and SKILL_SOURCE from <paramref name="environment"/>
        /// (pass <see cref="Environment.GetEnvironmentVariables()"/>). Blank values count as unset.
        /// </summary>
        public static NemoClientOptions FromEnvironment(IDictionary environment) => EnvironmentOptionsReader.Read(environment);
    }
}

using System;
using System.Collections;
using NemoVideo.Client;
using NemoVideo.Module.Engine;

namespace NemoVideo.Module.Handlers
{
    /// <summary>Client options for Connect-Nemo: the environment first, then what the user passed.</summary>
    public static class ClientOptionsBuilder
    {
        /// <summary>How long a render wait keeps asking a -Local server that does not answer at all.</summary>
        public static readonly TimeSpan LocalUnreachableTimeout = TimeSpan.FromSeconds(15);

        /// <summary>
        /// The longest pause between render polls of a -Local server. The hosted service's published 30 s made every
        /// compression wait for the next poll after its encode ended (a reviewer's wall times clustered at 31 s and 61 s
        /// for encodes of 24–44 s); a poll of our own loopback server costs a millisecond.
        /// </summary>
        public static readonly TimeSpan LocalRenderPollMaxDelay = TimeSpan.FromSeconds(1);

        /// <param name="endpoint">-Endpoint, or the local server's address; null keeps NEMO_API_URL or the hosted service.</param>
        /// <param name="token">-Token; null falls back to NEMO_TOKEN unless <paramref name="ignoreEnvironmentToken"/>.</param>
        /// <param name="ignoreEnvironmentToken">For -Local: a hosted token from NEMO_TOKEN must not be sent to another server.</param>
        /// <param name="persistAnonymousToken">False for a server that ends with this process (-Local): no later process can use its tokens.</param>
        /// <param name="localServer">Our own local server (-Local), which also takes MPEG-TS (.ts, .m2ts, .mts) uploads.</param>
        public static NemoClientOptions Build(IDictionary environment, Uri? endpoint, string? token, bool ignoreEnvironmentToken, TimeProvider clock, bool persistAnonymousToken = true,
            bool localServer = false)
        {
            var fromEnvironment = NemoClientOptions.FromEnvironment(environment);
            return new NemoClientOptions
            {
                ApiBaseUrl = endpoint ?? fromEnvironment.ApiBaseUrl,
                // A local server or custom endpoint serves its own claim page; the hosted web app would not know its projects.
                WebBaseUrl = endpoint ?? fromEnvironment.WebBaseUrl,
                Token = token ?? (ignoreEnvironmentToken ? null : fromEnvironment.Token),
                ClientId = fromEnvironment.ClientId,
                SkillSource = fromEnvironment.SkillSource,
                SkillVersion = fromEnvironment.SkillVersion,
                SkillPlatform = fromEnvironment.SkillPlatform,
                ConfigDirectory = fromEnvironment.ConfigDirectory,
                PersistAnonymousToken = persistAnonymousToken,
                AcceptsTransportStreams = localServer,
                TimeProvider = clock,
                Log = CommandLog.Instance,
                Handler = fromEnvironment.Handler,
                InstructionTotalTimeout = fromEnvironment.InstructionTotalTimeout,
                InstructionIdleTimeout = fromEnvironment.InstructionIdleTimeout,
                StateRecoveryInterval = fromEnvironment.StateRecoveryInterval,
                StateRecoveryAttempts = fromEnvironment.StateRecoveryAttempts,
                RenderPollInitialDelay = localServer ? Shorter(fromEnvironment.RenderPollInitialDelay, LocalRenderPollMaxDelay) : fromEnvironment.RenderPollInitialDelay,
                RenderPollMaxDelay = localServer ? Shorter(fromEnvironment.RenderPollMaxDelay, LocalRenderPollMaxDelay) : fromEnvironment.RenderPollMaxDelay,
                RenderTimeout = fromEnvironment.RenderTimeout,
                // A refused connection to our own loopback server means it is gone, not that a network is slow.
                RenderUnreachableTimeout = localServer ? LocalUnreachableTimeout : fromEnvironment.RenderUnreachableTimeout,
            };
        }

        private static TimeSpan Shorter(TimeSpan first, TimeSpan second) => first < second ? first : second;
    }
}

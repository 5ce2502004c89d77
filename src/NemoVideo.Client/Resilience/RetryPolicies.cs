using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;

namespace NemoVideo.Client
{
    /// <summary>
    /// Three Polly pipelines. Every call gets the rate-limit retry (429 means the service did not do the work, so one repeat
    /// is safe). Idempotent calls (reads) also get the transient retry of 5xx and lost connections. Calls that are not
    /// idempotent but harmless to repeat once refused (a token, a session, a render submission) get the refusal retry:
    /// 503 only, which the service answers before doing anything; a lost connection or a 500 may come after the work.
    /// Uploads and instructions get neither: their callers read the state before repeating anything.
    /// </summary>
    internal sealed class RetryPolicies
    {
        public static readonly TimeSpan DefaultRateLimitWait = TimeSpan.FromSeconds(30);
        public static readonly TimeSpan TransientBaseDelay = TimeSpan.FromSeconds(1);
        public const int TransientAttempts = 3;

        /// <summary>A quota-limited call (the anonymous token) waits out a 429 only when Retry-After asks for at most this.</summary>
        public static readonly TimeSpan QuotaCallLongestWait = TimeSpan.FromSeconds(60);

        private const string QuotaCallKey = "NemoVideo.QuotaCall";

        private readonly TimeProvider time;
        private readonly ClientLog log;
        private readonly Func<double> random;

        public RetryPolicies(TimeProvider time, ClientLog log, Func<double>? random = null)
        {
            this.time = time;
            this.log = log;
            this.random = random ?? new Random().NextDouble;
            NonIdempotent = Build(withTransient: false, refusalsOnly: false);
            Idempotent = Build(withTransient: true, refusalsOnly: false);
            RefusalRetry = Build(withTransient: true, refusalsOnly: true);
        }

        public ResiliencePipeline<HttpResponseMessage> Idempotent { get; }

        public ResiliencePipeline<HttpResponseMessage> NonIdempotent { get; }

        public ResiliencePipeline<HttpResponseMessage> RefusalRetry { get; }

        public ResiliencePipeline<HttpResponseMessage> For(bool idempotent, bool retryRefusals = false) =>
            idempotent ? Idempotent : retryRefusals ? RefusalRetry : NonIdempotent;

        /// <summary>
        /// Marks a call whose 429 may mean "quota used up for days" (the anonymous token): it is repeated only when
        /// the service's Retry-After asks for a short wait, instead of waiting 30 s for an answer that cannot change.
        /// </summary>
        public static void MarkQuotaCall(HttpRequestMessage request) => request.Properties[QuotaCallKey] = true;

        /// <summary>Retry-After as seconds or as a date, else the contract's 30 s.</summary>
        public static TimeSpan RateLimitWait(HttpResponseMessage? response, DateTimeOffset now)
        {
            var retryAfter = response?.Headers.RetryAfter;
            if (retryAfter?.Delta is TimeSpan delta && delta >= TimeSpan.Zero)
            {
                return delta;
            }

            if (retryAfter?.Date is DateTimeOffset date)
            {
                var wait = date - now;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }

            return DefaultRateLimitWait;
        }

        /// <summary>Exponential from 1 s, each delay scaled by a random factor in [0.8, 1.2) so clients do not retry in step.</summary>
        public static TimeSpan TransientDelay(int attempt, double randomUnit) =>
            TimeSpan.FromTicks((long)(TransientBaseDelay.Ticks * Math.Pow(2, attempt) * (0.8 + (0.4 * randomUnit))));

        private ResiliencePipeline<HttpResponseMessage> Build(bool withTransient, bool refusalsOnly)
        {
            var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "rate-limit",
                MaxRetryAttempts = 1,
                ShouldHandle = args => new ValueTask<bool>(args.Outcome.Result?.StatusCode == (HttpStatusCode)429 && WorthWaiting(args.Outcome.Result)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(RateLimitWait(args.Outcome.Result, time.GetUtcNow())),
                OnRetry = args => Discard(args.Outcome, $"rate limited; waiting {args.RetryDelay.TotalSeconds:0.###} s before the one retry"),
            });

            if (withTransient)
            {
                builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    Name = "transient",
                    MaxRetryAttempts = TransientAttempts,
                    ShouldHandle = args => new ValueTask<bool>(refusalsOnly ? IsRefusal(args.Outcome) : IsTransient(args.Outcome)),
                    DelayGenerator = args => new ValueTask<TimeSpan?>(TransientDelay(args.AttemptNumber, random())),
                    OnRetry = args => Discard(args.Outcome, $"transient failure; retry {args.AttemptNumber + 1} in {args.RetryDelay.TotalSeconds:0.###} s"),
                });
            }

            return builder.Build();
        }

        private bool WorthWaiting(HttpResponseMessage response)
        {
            if (response.RequestMessage is null || !response.RequestMessage.Properties.ContainsKey(QuotaCallKey))
            {
                return true;
            }

            return IsShortQuotaCallWait(response.Headers.RetryAfter is null ? (TimeSpan?)null : RateLimitWait(response, time.GetUtcNow()));
        }

        /// <summary>
        /// A quota-limited call's 429 asks for a wait of seconds, not days: the service's rate limit, worth one wait and
        /// never the 7-day quota. Null (no Retry-After) is not short.
        /// </summary>
        public static bool IsShortQuotaCallWait(TimeSpan? retryAfter) =>
            retryAfter is TimeSpan wait && wait <= QuotaCallLongestWait;

        private static bool IsRefusal(Outcome<HttpResponseMessage> outcome) =>
            outcome.Exception is null && outcome.Result!.StatusCode == HttpStatusCode.ServiceUnavailable;

        private static bool IsTransient(Outcome<HttpResponseMessage> outcome)
        {
            if (outcome.Exception != null)
            {
                return outcome.Exception is HttpRequestException;
            }

            var status = (int)outcome.Result!.StatusCode;
            return status == 500 || status == 502 || status == 503 || status == 504;
        }

        private ValueTask Discard(Outcome<HttpResponseMessage> outcome, string reason)
        {
            var detail = outcome.Exception?.Message ?? $"HTTP {(int)outcome.Result!.StatusCode}";
            log.Verbose($"{reason} ({detail})");
            outcome.Result?.Dispose();
            return default;
        }
    }
}

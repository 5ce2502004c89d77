using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;

namespace NemoVideo.Client
{
    /// <summary>
    /// Two Polly pipelines. Every call gets the rate-limit retry (429 means the service did not do the work, so one repeat
    /// is safe). Only idempotent calls also get the transient retry: repeating an instruction or an upload after a
    /// network failure could run and charge it twice, and the service offers no way to tell.
    /// </summary>
    internal sealed class RetryPolicies
    {
        public static readonly TimeSpan DefaultRateLimitWait = TimeSpan.FromSeconds(30);
        public static readonly TimeSpan TransientBaseDelay = TimeSpan.FromSeconds(1);
        public const int TransientAttempts = 3;

        private readonly TimeProvider time;
        private readonly ClientLog log;
        private readonly Func<double> random;

        public RetryPolicies(TimeProvider time, ClientLog log, Func<double>? random = null)
        {
            this.time = time;
            this.log = log;
            this.random = random ?? new Random().NextDouble;
            NonIdempotent = Build(withTransient: false);
            Idempotent = Build(withTransient: true);
        }

        public ResiliencePipeline<HttpResponseMessage> Idempotent { get; }

        public ResiliencePipeline<HttpResponseMessage> NonIdempotent { get; }

        public ResiliencePipeline<HttpResponseMessage> For(bool idempotent) => idempotent ? Idempotent : NonIdempotent;

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

        private ResiliencePipeline<HttpResponseMessage> Build(bool withTransient)
        {
            var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "rate-limit",
                MaxRetryAttempts = 1,
                ShouldHandle = args => new ValueTask<bool>(args.Outcome.Result?.StatusCode == (HttpStatusCode)429),
                DelayGenerator = args => new ValueTask<TimeSpan?>(RateLimitWait(args.Outcome.Result, time.GetUtcNow())),
                OnRetry = args => Discard(args.Outcome, $"rate limited; waiting {args.RetryDelay.TotalSeconds:0.###} s before the one retry"),
            });

            if (withTransient)
            {
                builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    Name = "transient",
                    MaxRetryAttempts = TransientAttempts,
                    ShouldHandle = args => new ValueTask<bool>(IsTransient(args.Outcome)),
                    DelayGenerator = args => new ValueTask<TimeSpan?>(TransientDelay(args.AttemptNumber, random())),
                    OnRetry = args => Discard(args.Outcome, $"transient failure; retry {args.AttemptNumber + 1} in {args.RetryDelay.TotalSeconds:0.###} s"),
                });
            }

            return builder.Build();
        }

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

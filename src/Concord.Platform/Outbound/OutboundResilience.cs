using System.Net.Http;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace Concord.Platform.Outbound;

/// <summary>
/// The resilience pipeline of a purpose: an overall timeout, retries with exponential backoff and jitter, and a timeout
/// per attempt. No circuit breaker: one client serves many receivers (every organisation's webhook), and one broken
/// receiver must not cut the others off.
/// </summary>
internal static class OutboundResilience
{
    /// <summary>Set on a request whose caller vouches that repeating it is harmless although its method is not idempotent.</summary>
    public static readonly HttpRequestOptionsKey<bool> RetryAnyMethod = new("Concord.Outbound.RetryAnyMethod");

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, OutboundPurpose purpose, OutboundOptions options, ILogger logger)
    {
        var client = options.For(purpose);

        // Waits on the network are real time, whatever clock the node reads (tests fake that clock; a socket does not wait on it).
        pipeline.TimeProvider = TimeProvider.System;
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "total", Timeout = client.TotalTimeout });
        if (client.MaxRetries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = client.MaxRetries,
                Delay = client.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, options.MaxRetryAfter)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    var request = args.Context.GetRequestMessage();
                    var cause = args.Outcome.Result is { } response ? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)
                        : args.Outcome.Exception?.GetType().Name ?? "?";
                    Log.Retrying(logger, purpose, request?.Method.Method ?? "?", request?.RequestUri is { } uri ? OutboundRefusedException.Origin(uri) : "?",
                        cause, args.AttemptNumber + 1, args.RetryDelay);
                    return default;
                },
            });
        }

        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt", Timeout = client.AttemptTimeout });
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, TimeSpan maxRetryAfter)
    {
        // A refusal is the node's decision, not a failure: asking again gets the same answer.
        if (outcome.Exception is OutboundRefusedException)
        {
            return false;
        }

        var connectTimedOut = outcome.Exception is OperationCanceledException { InnerException: TimeoutException } && !context.CancellationToken.IsCancellationRequested;
        if (!connectTimedOut && !HttpClientResiliencePredicates.IsTransient(outcome))
        {
            return false;
        }

        if (RetryAfter(outcome.Result) > maxRetryAfter)
        {
            return false;
        }

        // The caller's request, not the response's: after a redirect that is the last hop's, made by the guard.
        var request = context.GetRequestMessage();
        return request is not null
            && (IsIdempotent(request.Method) || (request.Options.TryGetValue(RetryAnyMethod, out var vouched) && vouched));
    }

    /// <summary>The wait a 429 or 503 asks for (<c>Retry-After</c>, seconds or a date); null lets the backoff decide.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage? response) => response?.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - TimeProvider.System.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>RFC 9110 9.2.2: repeating these has the effect of sending them once.</summary>
    private static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options || method == HttpMethod.Trace
        || method == HttpMethod.Put || method == HttpMethod.Delete;
}

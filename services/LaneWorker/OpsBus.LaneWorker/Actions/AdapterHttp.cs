using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace OpsBus.LaneWorker.Actions;

/// <summary>How adapters reach the outside world: every client with a timeout per try, retries with backoff on 429/5xx
/// (honouring <c>Retry-After</c>) and an overall deadline, all from <see cref="AdapterHttpOptions"/>.</summary>
public static class AdapterHttp
{
    /// <summary>Registers a named <see cref="HttpClient"/> for an adapter with the shared resilience pipeline.</summary>
    public static IHttpClientBuilder AddAdapterHttpClient(this IServiceCollection services, string name, Action<IServiceProvider, HttpClient>? configure = null)
    {
        var builder = services.AddHttpClient(name, (sp, client) =>
        {
            client.Timeout = Timeout.InfiniteTimeSpan;
            configure?.Invoke(sp, client);
        });
        // The factory's default loggers write full request URLs, and some carry secrets (deploy hooks, signed links).
        builder.RemoveAllLoggers();
        builder.AddResilienceHandler("adapter", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<LaneWorkerOptions>>().Value.Http;
            pipeline
                .AddTimeout(options.TotalTimeout)
                .AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetries,
                    Delay = options.RetryBaseDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldRetryAfterHeader = true,
                    MaxDelay = options.MaxRetryDelay,
                    ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Context.GetRequestMessage()?.Method, args.Outcome)),
                })
                .AddTimeout(options.AttemptTimeout);
        });
        return builder;
    }

    /// <summary>
    /// Idempotent requests are retried on every transient failure. A POST or PATCH may already have acted when it
    /// failed (a workflow dispatched, a deployment created), so it is retried only when the server said it did not
    /// handle it (429, 503) or the connection was never made.
    /// </summary>
    internal static bool ShouldRetry(HttpMethod? method, Outcome<HttpResponseMessage> outcome)
    {
        if (method is null || method == HttpMethod.Post || method == HttpMethod.Patch)
        {
            return outcome.Result?.StatusCode is System.Net.HttpStatusCode.TooManyRequests or System.Net.HttpStatusCode.ServiceUnavailable
                || outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError };
        }

        return HttpClientResiliencePredicates.IsTransient(outcome);
    }

    /// <summary>
    /// Sends through an adapter client, returning once the headers arrived. What is left failing after the retries —
    /// a network error, a timeout — becomes a retryable <see cref="StepFailedException"/>; a cancelled step stays an
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    public static async Task<HttpResponseMessage> SendForStepAsync(this HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new StepFailedException($"{Describe(request)} failed: {e.Message}", retryable: true);
        }
        catch (TimeoutRejectedException)
        {
            throw new StepFailedException($"{Describe(request)} timed out", retryable: true);
        }
    }

    /// <summary>Method and URL without query or fragment, which may carry tokens: what a log line may show of a request.</summary>
    public static string Describe(HttpRequestMessage request) =>
        $"{request.Method} {request.RequestUri?.GetLeftPart(UriPartial.Path)}";
}

/// <summary>Outbound HTTP policy of adapters. Bound from <c>LaneWorker:Http</c>.</summary>
public sealed class AdapterHttpOptions
{
    /// <summary>How long one try may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a call may take across all its tries.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Retries after the first try on 429, 5xx, timeouts and network errors.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first backoff; doubles each retry, with jitter. A <c>Retry-After</c> header wins.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest a retry waits, also for <c>Retry-After</c>.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}

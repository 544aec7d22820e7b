using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

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
                })
                .AddTimeout(options.AttemptTimeout);
        });
        return builder;
    }
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

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using OpsBus.LaneWorker.Actions;
using Polly;

namespace OpsBus.LaneWorker.Artifacts;

/// <summary>
/// How a worker reaches the artifacts service. The client retries like the adapters' (<c>LaneWorker:Http</c>) but
/// only what can be sent again — a body that can be rewound, or one never read because no connection was made — and
/// has no timeout of its own: an upload may take as long as its step may.
/// </summary>
public static class ArtifactsHttp
{
    /// <summary>Whether the request's content can be sent a second time.</summary>
    public static readonly HttpRequestOptionsKey<bool> Resendable = new("OpsBus.Artifacts.Resendable");

    /// <summary>
    /// <see cref="HttpRunArtifacts"/> when <c>LaneWorker:ArtifactsAddress</c> is set (then <c>OpsBus:InternalSecret</c>
    /// is required at start), else <see cref="UnconfiguredRunArtifacts"/>. Embedded mode replaces either with the store
    /// in its own process.
    /// </summary>
    public static IServiceCollection AddRunArtifacts(this IServiceCollection services, LaneWorkerOptions options)
    {
        if (options.ArtifactsAddress is null)
        {
            services.TryAddSingleton<IRunArtifacts>(UnconfiguredRunArtifacts.Instance);
            return services;
        }

        services.AddOptions<LaneWorkerOptions>()
            .Validate(o => o.ArtifactsAddress is { IsAbsoluteUri: true, Scheme: "http" or "https" },
                $"{LaneWorkerOptions.SectionName}:{nameof(LaneWorkerOptions.ArtifactsAddress)} must be an absolute http or https URL.")
            .Validate<IConfiguration>((_, configuration) => configuration[WorkerCaller.InternalSecretSetting] is { Length: >= 16 },
                $"{LaneWorkerOptions.SectionName}:{nameof(LaneWorkerOptions.ArtifactsAddress)} is set, so {WorkerCaller.InternalSecretSetting} (at least 16 characters, shared with the artifacts service) must be too.");
        var builder = services.AddHttpClient(HttpRunArtifacts.ClientName, (sp, client) =>
        {
            var address = sp.GetRequiredService<IOptions<LaneWorkerOptions>>().Value.ArtifactsAddress!;
            client.BaseAddress = address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
            client.Timeout = Timeout.InfiniteTimeSpan;
        });
        builder.RemoveAllLoggers();
        builder.AddResilienceHandler("artifacts", (pipeline, context) =>
        {
            var http = context.ServiceProvider.GetRequiredService<IOptions<LaneWorkerOptions>>().Value.Http;
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = http.MaxRetries,
                Delay = http.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
                MaxDelay = http.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Context.GetRequestMessage(), args.Outcome)),
            });
        });
        services.TryAddSingleton<IRunArtifacts, HttpRunArtifacts>();
        return services;
    }

    internal static bool ShouldRetry(HttpRequestMessage? request, Outcome<HttpResponseMessage> outcome) =>
        AdapterHttp.ShouldRetry(HttpMethod.Post, outcome)
        && ((request?.Options.TryGetValue(Resendable, out var resendable) == true && resendable)
            || outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError });
}

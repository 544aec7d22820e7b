using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpsBus.Gateway.Webhooks;
using Yarp.ReverseProxy.Configuration;

namespace OpsBus.Gateway.Proxy;

internal static class ProxyExtensions
{
    private const string Orchestrator = "orchestrator";
    private const string Notifier = "notifier";
    private const string Artifacts = "artifacts";

    /// <summary>
    /// Distributed mode: <c>/api/runs/**</c>, <c>/api/sessions/**</c>, <c>/api/templates/**</c>, <c>/api/intents/**</c>,
    /// <c>/api/approvals/**</c>, <c>/api/schedules/**</c> and <c>/api/triggers/**</c> to the orchestrator, <c>/hubs/**</c>
    /// (WebSockets included) and <c>/api/notifications/**</c> to the notifier, artifacts to the artifacts service when one is
    /// configured; only authenticated callers pass, signed as internal callers. GitHub's webhook goes to the orchestrator
    /// unauthenticated: the orchestrator verifies its signature.
    /// </summary>
    public static IServiceCollection AddGatewayProxy(this IServiceCollection services, GatewayOptions options)
    {
        services.AddOptions<InternalSecretOptions>().BindConfiguration(InternalSecretOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        List<RouteConfig> routes =
        [
            Route("runs", "/api/runs/{**rest}", Orchestrator),
            Route("sessions", "/api/sessions/{**rest}", Orchestrator),
            Route("templates", "/api/templates/{**rest}", Orchestrator),
            Route("intents", "/api/intents/{**rest}", Orchestrator),
            Route("approvals", "/api/approvals/{**rest}", Orchestrator),
            Route("schedules", "/api/schedules/{**rest}", Orchestrator),
            Route("triggers", "/api/triggers/{**rest}", Orchestrator),
            Route("github-webhooks", WebhookRoutes.GitHub, Orchestrator, "anonymous"),
            Route("hubs", "/hubs/{**rest}", Notifier),
            Route("notifications", "/api/notifications/{**rest}", Notifier),
        ];
        List<ClusterConfig> clusters =
        [
            Cluster(Orchestrator, options.OrchestratorAddress, nameof(GatewayOptions.OrchestratorAddress)),
            Cluster(Notifier, options.NotifierAddress, nameof(GatewayOptions.NotifierAddress)),
        ];
        if (options.ArtifactsAddress is { } artifacts)
        {
            // More specific than the orchestrator's /api/runs/{**rest}, so routing prefers them.
            routes.Add(Route("run-artifacts", "/api/runs/{id}/artifacts", Artifacts));
            routes.Add(Route("run-artifacts-zip", "/api/runs/{id}/artifacts.zip", Artifacts));
            routes.Add(Route("artifacts", "/api/artifacts/{**rest}", Artifacts));
            clusters.Add(Cluster(Artifacts, artifacts, nameof(GatewayOptions.ArtifactsAddress)));
        }

        services.AddReverseProxy()
            .LoadFromMemory(routes, clusters)
            .AddTransforms(transforms =>
            {
                var secret = transforms.Services.GetRequiredService<IOptions<InternalSecretOptions>>().Value.InternalSecret!;
                var clock = transforms.Services.GetRequiredService<TimeProvider>();
                transforms.RequestTransforms.Add(new InternalCallerTransform(secret, clock));
            });
        return services;
    }

    private static RouteConfig Route(string id, string path, string cluster, string authorization = "default") => new()
    {
        RouteId = id,
        ClusterId = cluster,
        Match = new RouteMatch { Path = path },
        AuthorizationPolicy = authorization,
    };

    private static ClusterConfig Cluster(string id, Uri? address, string setting) => new()
    {
        ClusterId = id,
        Destinations = new Dictionary<string, DestinationConfig>
        {
            [id] = new()
            {
                Address = address?.ToString()
                    ?? throw new InvalidOperationException($"{GatewayOptions.SectionName}:{setting} is required in distributed mode."),
            },
        },
    };
}

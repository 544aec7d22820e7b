using Microsoft.AspNetCore.Http;

namespace OpsBus.Gateway.Webhooks;

/// <summary>
/// The webhook paths the edge lets through without an API key: senders such as GitHub cannot hold one, so the
/// orchestrator behind them authenticates each delivery by its signature (<c>X-Hub-Signature-256</c>) instead.
/// </summary>
public static class WebhookRoutes
{
    public const string GitHub = "/api/webhooks/github";

    public static bool IsWebhook(HttpRequest request) => request.Path.Equals(GitHub, StringComparison.OrdinalIgnoreCase);
}

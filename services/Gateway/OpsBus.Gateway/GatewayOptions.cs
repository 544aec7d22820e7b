using System.ComponentModel.DataAnnotations;

namespace OpsBus.Gateway;

/// <summary>The public edge's settings, bound from the <c>Gateway</c> section (<c>Gateway__Mode</c> in compose).</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary><c>Embedded</c>: every service in this process. <c>Distributed</c>: proxy to the services' own processes.</summary>
    public GatewayMode Mode { get; set; } = GatewayMode.Embedded;

    /// <summary>Where the API keys are kept: <c>Sqlite</c> (embedded) or <c>Postgres</c> (distributed).</summary>
    public GatewayDatabase Database { get; set; } = GatewayDatabase.Sqlite;

    /// <summary>The connection string of the gateway's own database (its <c>api_keys</c> table).</summary>
    [Required]
    public string ConnectionString { get; set; } = "Data Source=gateway.db";

    /// <summary>Distributed mode: where the orchestrator's API (<c>/api/runs</c>, <c>/api/sessions</c>, templates, …) is forwarded.</summary>
    public Uri? OrchestratorAddress { get; set; }

    /// <summary>Distributed mode: where <c>/hubs/*</c> (WebSockets included) and <c>/api/notifications/*</c> are forwarded.</summary>
    public Uri? NotifierAddress { get; set; }

    /// <summary>
    /// Distributed mode: where <c>/api/artifacts/*</c> and runs' artifacts (<c>/api/runs/{id}/artifacts</c>, <c>.zip</c>)
    /// are forwarded; without it the gateway serves no artifacts.
    /// </summary>
    public Uri? ArtifactsAddress { get; set; }

    /// <summary>How long an authenticated key is remembered before the database is asked again.</summary>
    public TimeSpan KeyCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest request body accepted on <c>/api/*</c>; larger ones are refused with 413.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The largest artifact upload (<c>POST /api/runs/{id}/artifacts</c>) the edge lets through; the artifacts service has its own limit.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxArtifactUploadBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>The largest webhook delivery (<c>POST /api/webhooks/github</c>) the edge lets through; the orchestrator has its own limit.</summary>
    [Range(1024, 25L * 1024 * 1024)]
    public long MaxWebhookBodyBytes { get; set; } = 5L * 1024 * 1024;

    /// <summary>Requests each API key may make: a token bucket, refilled continuously.</summary>
    [Required]
    public GatewayRateLimitOptions RateLimit { get; set; } = new();

    /// <summary>
    /// Webhook deliveries (which carry no API key) each sender's address may make: a token bucket of its own, so a flood
    /// of deliveries, signed or not, is refused at the edge before the orchestrator checks a signature.
    /// </summary>
    [Required]
    public GatewayRateLimitOptions WebhookRateLimit { get; set; } = new() { TokenLimit = 100, TokensPerPeriod = 20 };
}

/// <summary>A token bucket per API key: <see cref="TokenLimit"/> at once, <see cref="TokensPerPeriod"/> back every period.</summary>
public sealed class GatewayRateLimitOptions
{
    /// <summary>The burst: requests a key may make at once after a quiet spell.</summary>
    [Range(1, 1_000_000)]
    public int TokenLimit { get; set; } = 200;

    /// <summary>The sustained rate: requests per <see cref="ReplenishmentPeriod"/>.</summary>
    [Range(1, 1_000_000)]
    public int TokensPerPeriod { get; set; } = 100;

    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);
}

public enum GatewayMode
{
    Embedded,
    Distributed,
}

public enum GatewayDatabase
{
    Sqlite,
    Postgres,
}

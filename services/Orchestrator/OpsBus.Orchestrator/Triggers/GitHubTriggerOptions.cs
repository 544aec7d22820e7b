using System.ComponentModel.DataAnnotations;

namespace OpsBus.Orchestrator.Triggers;

/// <summary>
/// GitHub-triggered runs, bound from <c>Orchestrator:GitHub</c> (<c>Orchestrator__GitHub__WebhookSecret</c> in compose):
/// the webhook secret deliveries are verified with, and the API runs' outcomes are reported to as commit statuses.
/// </summary>
public sealed class GitHubTriggerOptions
{
    public const string SectionName = "Orchestrator:GitHub";

    /// <summary>The secret of the repository's or organisation's webhook; without it <c>/api/webhooks/github</c> answers 503.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>GitHub's REST API: <c>https://api.github.com/</c>, or GitHub Enterprise's <c>https://ghe.example.com/api/v3/</c>.</summary>
    [Required]
    public Uri BaseUrl { get; set; } = new("https://api.github.com/");

    /// <summary>A token allowed to write commit statuses; without it triggered runs are not reported back.</summary>
    public string? Token { get; set; }

    /// <summary>Where people open OpsBus: a status links to <c>{RunLinkBaseUrl}/runs/{id}</c>. Required with <see cref="Token"/>.</summary>
    public Uri? RunLinkBaseUrl { get; set; }

    /// <summary>The largest delivery accepted; GitHub caps payloads at 25 MB but real ones are far smaller.</summary>
    [Range(1024, 25 * 1024 * 1024)]
    public int MaxDeliveryBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>How long the webhook waits for the bus to take a delivery before answering 503 (GitHub gives up after 10 s).</summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public bool ReportsStatuses => Token is { Length: > 0 };

    /// <summary>Why the settings cannot work, or null.</summary>
    public string? Problem()
    {
        if (!IsHttp(BaseUrl))
            return $"{SectionName}:BaseUrl must be an absolute http(s) URL.";
        if (RunLinkBaseUrl is not null && !IsHttp(RunLinkBaseUrl))
            return $"{SectionName}:RunLinkBaseUrl must be an absolute http(s) URL.";
        if (ReportsStatuses && RunLinkBaseUrl is null)
            return $"{SectionName}:RunLinkBaseUrl is required with {SectionName}:Token: commit statuses link to the run.";
        if (QueueTimeout <= TimeSpan.Zero || QueueTimeout > TimeSpan.FromSeconds(9))
            return $"{SectionName}:QueueTimeout must be more than 0 and at most 9 s: GitHub waits 10 s for an answer.";
        return null;
    }

    private static bool IsHttp(Uri? url) => url is { IsAbsoluteUri: true, Scheme: "http" or "https" };
}

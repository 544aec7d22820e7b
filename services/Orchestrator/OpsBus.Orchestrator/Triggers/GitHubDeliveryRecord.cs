namespace OpsBus.Orchestrator.Triggers;

/// <summary>
/// A GitHub delivery the orchestrator took (table <c>github_deliveries</c>, keyed by its <c>X-GitHub-Delivery</c> id):
/// once handled, a redelivery of the same id stops here.
/// </summary>
public sealed class GitHubDeliveryRecord
{
    public string DeliveryId { get; set; } = null!;

    public string Event { get; set; } = null!;

    public DateTime ReceivedAt { get; set; }

    /// <summary>When every matching rule was evaluated; null while (or if interrupted while) it is being handled.</summary>
    public DateTime? HandledAt { get; set; }

    /// <summary>Why no rule was evaluated (an unreadable payload, a deleted branch), if so.</summary>
    public string? Ignored { get; set; }
}

namespace OpsBus.Orchestrator.Api;

/// <summary>
/// A run the API accepted: stored before <c>RunRequested</c> is published, so a caller's idempotency key maps to
/// exactly one run (unique per caller and key) and the run can be read before its saga has stored it.
/// </summary>
public sealed class RunRequestRecord
{
    public Guid RunId { get; set; }

    public string RequestedBy { get; set; } = null!;

    /// <summary>The caller's <c>Idempotency-Key</c>, if it sent one.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>SHA-256 (hex) of the request as parsed: a reused key with another request is refused.</summary>
    public string RequestHash { get; set; } = null!;

    /// <summary>The <c>RunRequested</c> message that was published, as JSON.</summary>
    public string RequestJson { get; set; } = null!;

    public DateTime CreatedAt { get; set; }
}

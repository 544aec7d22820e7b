namespace OpsBus.Orchestrator.Api;

/// <summary>The optional body of <c>POST /api/runs/{id}/cancel</c>.</summary>
public sealed record CancelRunRequest
{
    /// <summary>Why, shown on the run.</summary>
    public string? Reason { get; init; }
}

namespace OpsBus.Contracts;

/// <summary>The approval of a risky run, as shown in <see cref="RunSnapshot"/>.</summary>
/// <param name="Status"><c>pending</c>, <c>approved</c>, <c>rejected</c> or <c>expired</c>.</param>
/// <param name="PlanHash">The hash of the plan and parameters an approval must name (<c>POST /api/runs/{id}/approve</c>).</param>
/// <param name="Risk">read, write or destructive.</param>
/// <param name="ExpiresAt">When a pending approval expires.</param>
/// <param name="DecidedBy">Who approved or rejected it; null when pending or expired.</param>
/// <param name="DecidedAt">When it was decided or expired.</param>
/// <param name="Comment">The approver's comment.</param>
public sealed record RunApproval(
    string Status,
    string? PlanHash,
    string? Risk,
    DateTime? ExpiresAt,
    string? DecidedBy,
    DateTime? DecidedAt,
    string? Comment);

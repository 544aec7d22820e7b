namespace OpsBus.Contracts;

/// <summary>
/// A run as clients see it: the body of <c>GET /api/runs/{id}</c>, the hub's <c>runUpdated</c>, and the response to
/// <see cref="GetRunSnapshot"/>.
/// </summary>
/// <param name="Id">The run.</param>
/// <param name="Status">Its status (see <see cref="RunStatuses"/>).</param>
/// <param name="Attempt">The current attempt.</param>
/// <param name="MaxAttempts">Attempts allowed.</param>
/// <param name="Lane">The lane.</param>
/// <param name="SessionId">The session, if any.</param>
/// <param name="Template">The template, if any.</param>
/// <param name="Environment">The target environment, if any.</param>
/// <param name="Priority">The priority.</param>
/// <param name="ClaimedBy">The worker owning the current attempt.</param>
/// <param name="CreatedAt">When it was requested.</param>
/// <param name="ClaimedAt">When the current attempt was claimed.</param>
/// <param name="StartedAt">When the current attempt started.</param>
/// <param name="HeartbeatAt">The last heartbeat.</param>
/// <param name="FinishedAt">When it finished.</param>
/// <param name="Error">The last error.</param>
/// <param name="RequestedBy">Who requested it (its owner).</param>
/// <param name="RetryOf">The run this one retries.</param>
/// <param name="Steps">Its steps in plan order.</param>
/// <param name="TemplateVersion">The version of <paramref name="Template"/> its plan was rendered from.</param>
/// <param name="Parameters">The template parameters as shown to people: secrets are <c>***</c>.</param>
/// <param name="PlanHash">What an approval binds to (SHA-256 hex of the plan and parameters, secrets masked).</param>
/// <param name="Risk">read, write or destructive; a plan sent inline counts as write.</param>
/// <param name="RequiresApproval">Whether the approval policy asks an approver to approve it before it runs.</param>
/// <param name="Approval">The approval, for runs that need one: its status, the plan hash to approve, the decision; null otherwise.</param>
/// <param name="Trigger">The GitHub delivery and trigger rule that requested it, for runs a trigger started.</param>
public sealed record RunSnapshot(
    Guid Id,
    string Status,
    int Attempt,
    int MaxAttempts,
    string Lane,
    string? SessionId,
    string? Template,
    string? Environment,
    int Priority,
    string? ClaimedBy,
    DateTime CreatedAt,
    DateTime? ClaimedAt,
    DateTime? StartedAt,
    DateTime? HeartbeatAt,
    DateTime? FinishedAt,
    string? Error,
    string? RequestedBy,
    Guid? RetryOf,
    IReadOnlyList<StepSnapshot> Steps,
    int? TemplateVersion = null,
    IReadOnlyDictionary<string, string>? Parameters = null,
    string? PlanHash = null,
    string? Risk = null,
    bool RequiresApproval = false,
    RunApproval? Approval = null,
    RunTrigger? Trigger = null);

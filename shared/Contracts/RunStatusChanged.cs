namespace OpsBus.Contracts;

/// <summary>Event, from the orchestrator on every transition of a run: a full snapshot for UIs and notifiers.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Status">The new status (see <see cref="RunStatuses"/>).</param>
/// <param name="PreviousStatus">The status before the transition, null for the first.</param>
/// <param name="Attempt">The current attempt (0 before the first dispatch).</param>
/// <param name="MaxAttempts">Attempts allowed.</param>
/// <param name="Lane">The lane.</param>
/// <param name="SessionId">The session, if any.</param>
/// <param name="Template">The template slug, if any.</param>
/// <param name="Environment">The target environment, if any.</param>
/// <param name="Priority">The priority.</param>
/// <param name="ClaimedBy">The worker owning the current attempt.</param>
/// <param name="RequestedBy">Who requested it.</param>
/// <param name="CreatedAt">When it was requested.</param>
/// <param name="ClaimedAt">When the current attempt was claimed.</param>
/// <param name="StartedAt">When the current attempt started.</param>
/// <param name="HeartbeatAt">The last heartbeat.</param>
/// <param name="FinishedAt">When it reached a terminal state.</param>
/// <param name="Error">The last error.</param>
/// <param name="Timestamp">When the transition happened.</param>
/// <param name="TemplateVersion">The template version the plan was rendered from.</param>
/// <param name="Parameters">The template parameters as shown to people (secrets <c>***</c>).</param>
/// <param name="PlanHash">What an approval binds to.</param>
/// <param name="Risk">read, write or destructive.</param>
/// <param name="RequiresApproval">Whether the run needs an approval before it runs.</param>
/// <param name="Approval">The approval's state, for runs that need one.</param>
/// <param name="Sequence">1 for a run's first status change, then one more for each: consumers put events that overtook each other back in order. 0 from producers that do not number them.</param>
/// <param name="Trigger">The GitHub delivery and trigger rule that requested it, for runs a trigger started.</param>
/// <param name="Reason">Why a claimed or running run went back to <c>queued</c> (see <see cref="RequeueReasons"/>); null otherwise.</param>
public sealed record RunStatusChanged(
    Guid RunId,
    string Status,
    string? PreviousStatus,
    int Attempt,
    int MaxAttempts,
    string Lane,
    string? SessionId,
    string? Template,
    string? Environment,
    int Priority,
    string? ClaimedBy,
    string? RequestedBy,
    DateTime CreatedAt,
    DateTime? ClaimedAt,
    DateTime? StartedAt,
    DateTime? HeartbeatAt,
    DateTime? FinishedAt,
    string? Error,
    DateTime Timestamp,
    int? TemplateVersion = null,
    IReadOnlyDictionary<string, string>? Parameters = null,
    string? PlanHash = null,
    string? Risk = null,
    bool RequiresApproval = false,
    RunApproval? Approval = null,
    int Sequence = 0,
    RunTrigger? Trigger = null,
    string? Reason = null);

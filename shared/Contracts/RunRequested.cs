namespace OpsBus.Contracts;

/// <summary>
/// Event, the public entry of a run: someone asked for a plan or a template to be run.
/// Published by any service (the Gateway, a trigger, a schedule). The orchestrator starts a run saga for it.
/// </summary>
/// <param name="RunId">The new run's id, chosen by the requester so that a retry of the publish is idempotent.</param>
/// <param name="Plan">An inline plan; either this or <paramref name="Template"/>.</param>
/// <param name="Template">A template slug to expand into a plan.</param>
/// <param name="Parameters">Template parameters.</param>
/// <param name="Environment">Target environment, e.g. staging or prod.</param>
/// <param name="Lane">Lane name, <c>A</c> to <c>D</c> by default.</param>
/// <param name="SessionId">Optional session: within one session-lane one run is active at a time.</param>
/// <param name="Priority">Higher runs first within a session-lane.</param>
/// <param name="MaxAttempts">Attempts before the run fails for good; null means the orchestrator's default (3).</param>
/// <param name="HeartbeatTimeoutSeconds">Silence after which a worker is presumed dead; null means the default (30).</param>
/// <param name="RequestedBy">Who asked (user or API key name).</param>
/// <param name="IdempotencyKey">The caller's idempotency key, if any.</param>
/// <param name="RequestedAt">When it was requested.</param>
/// <param name="RetryOf">The run this one retries, if any.</param>
/// <param name="TemplateVersion">The version of <paramref name="Template"/> the plan was rendered from.</param>
/// <param name="PlanHash">SHA-256 (hex) of the plan and parameters as an approver sees them (secrets masked).</param>
/// <param name="Risk">The risk of what the run does: read, write or destructive.</param>
/// <param name="RequiresApproval">When true the run waits in awaiting_approval until an approver approves that exact plan hash.</param>
/// <param name="Trigger">The GitHub delivery and trigger rule that requested it, for runs a trigger started.</param>
public sealed record RunRequested(
    Guid RunId,
    RunPlan? Plan,
    string? Template = null,
    IReadOnlyDictionary<string, string>? Parameters = null,
    string? Environment = null,
    string Lane = "A",
    string? SessionId = null,
    int Priority = 0,
    int? MaxAttempts = null,
    int? HeartbeatTimeoutSeconds = null,
    string? RequestedBy = null,
    string? IdempotencyKey = null,
    DateTime? RequestedAt = null,
    Guid? RetryOf = null,
    int? TemplateVersion = null,
    string? PlanHash = null,
    string? Risk = null,
    bool RequiresApproval = false,
    RunTrigger? Trigger = null);

using MassTransit;
using OpsBus.Contracts;

namespace OpsBus.Orchestrator.Runs;

/// <summary>
/// One run's saga instance, and the row the runs read model is queried from.
/// Only <see cref="RunStateMachine"/> changes it.
/// </summary>
public sealed class RunState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }

    public int Version { get; set; }

    /// <summary>The state machine's state name (Queued, Claimed, Running, ...).</summary>
    public string CurrentState { get; set; } = null!;

    /// <summary>The status clients see, as published in the last <c>RunStatusChanged</c>.</summary>
    public string Status { get; set; } = "";

    /// <summary>How many status changes were published: the <c>Sequence</c> of the last one.</summary>
    public int StatusSequence { get; set; }

    public string PlanJson { get; set; } = null!;

    public string? Template { get; set; }

    public string? ParametersJson { get; set; }

    public string? Environment { get; set; }

    public string Lane { get; set; } = null!;

    public string? SessionId { get; set; }

    public int Priority { get; set; }

    public int MaxAttempts { get; set; }

    public int HeartbeatTimeoutSeconds { get; set; }

    public string? RequestedBy { get; set; }

    public string? IdempotencyKey { get; set; }

    public Guid? RetryOf { get; set; }

    /// <summary>The version of <see cref="Template"/> the plan was rendered from.</summary>
    public int? TemplateVersion { get; set; }

    /// <summary>SHA-256 of the plan and parameters as an approver sees them; an approval must name it.</summary>
    public string? PlanHash { get; set; }

    /// <summary>read, write or destructive.</summary>
    public string? Risk { get; set; }

    public bool RequiresApproval { get; set; }

    /// <summary>When an undecided approval expires.</summary>
    public DateTime? ApprovalExpiresAt { get; set; }

    /// <summary>approved, rejected or expired; null while undecided or when no approval was needed.</summary>
    public string? ApprovalDecision { get; set; }

    public string? ApprovalDecidedBy { get; set; }

    public DateTime? ApprovalDecidedAt { get; set; }

    public string? ApprovalComment { get; set; }

    public Guid? ApprovalTimeoutTokenId { get; set; }

    /// <summary>The current attempt: the fencing token workers must present. 0 before the first dispatch.</summary>
    public int Attempt { get; set; }

    /// <summary>The highest attempt sent to a lane; a claim is only accepted for a dispatched attempt.</summary>
    public int DispatchedAttempt { get; set; }

    /// <summary>The highest attempt whose claim was accepted; a second claim for it is rejected.</summary>
    public int ClaimedAttempt { get; set; }

    /// <summary>Attempts handed back by stopping workers; they do not count against <see cref="MaxAttempts"/>.</summary>
    public int ReleasedAttempts { get; set; }

    public string? ClaimedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ClaimedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? HeartbeatAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    public DateTime? CancelRequestedAt { get; set; }

    public DateTime? CancelAcknowledgedAt { get; set; }

    public string? CancelRequestedBy { get; set; }

    public string? Error { get; set; }

    public Guid? HeartbeatTimeoutTokenId { get; set; }

    public Guid? RetryTokenId { get; set; }

    /// <summary>The GitHub event of a run a trigger rule requested; null for every other run.</summary>
    public string? TriggerEvent { get; set; }

    public string? TriggerDeliveryId { get; set; }

    public string? TriggerRepository { get; set; }

    public string? TriggerRef { get; set; }

    public string? TriggerSha { get; set; }

    public Guid? TriggerId { get; set; }

    /// <summary>The approval as clients see it, for runs that need one.</summary>
    public RunApproval? Approval => RequiresApproval
        ? new RunApproval(ApprovalDecision ?? "pending", PlanHash, Risk, ApprovalExpiresAt, ApprovalDecidedBy, ApprovalDecidedAt, ApprovalComment)
        : null;

    /// <summary>What started the run, for runs a trigger rule requested.</summary>
    public RunTrigger? Trigger
    {
        get => TriggerEvent is null ? null : new RunTrigger(TriggerEvent, TriggerDeliveryId!, TriggerRepository!, TriggerRef, TriggerSha, TriggerId);
        set
        {
            TriggerEvent = value?.Event;
            TriggerDeliveryId = value?.DeliveryId;
            TriggerRepository = value?.Repository;
            TriggerRef = value?.Ref;
            TriggerSha = value?.Sha;
            TriggerId = value?.TriggerId;
        }
    }

    /// <summary>The template parameters as shown to people (secrets masked before they reached the orchestrator).</summary>
    public IReadOnlyDictionary<string, string>? Parameters =>
        ParametersJson is null ? null : System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(ParametersJson);

    /// <summary>Failed attempts so far (released ones excluded).</summary>
    public int CountedAttempts => Attempt - ReleasedAttempts;

    public bool HasAttemptsLeft => CountedAttempts < MaxAttempts;
}

using MassTransit;
using Microsoft.Extensions.Options;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Telemetry;

namespace OpsBus.Orchestrator.Runs;

/// <summary>
/// The one place that knows a run's lifecycle:
/// queued → claimed → running → succeeded | failed | cancelled, with cancelling in between and
/// requeues (attempt + 1) when a worker goes silent or fails for a retryable reason.
/// Every message from a worker carries its attempt; anything for an attempt other than the current one is dropped.
/// </summary>
public sealed class RunStateMachine : MassTransitStateMachine<RunState>
{
    public RunStateMachine(IOptions<OrchestratorOptions> options, TimeProvider clock, RunMetrics metrics)
    {
        var settings = options.Value;

        InstanceState(x => x.CurrentState);
        this.ConnectStateObserver(new RunTransitionMetrics(metrics));

        Event(() => Requested, e => e.CorrelateById(m => m.Message.RunId));
        Event(() => AdmittedToSessionLane, e => e.CorrelateById(m => m.Message.RunId));
        Event(() => ClaimRequested, e =>
        {
            e.CorrelateById(m => m.Message.RunId);
            e.OnMissingInstance(m => m.ExecuteAsync(context => context.RespondAsync(
                new RunClaimRejected(context.Message.RunId, context.Message.Attempt, context.Message.WorkerId, "unknown run"))));
        });
        Event(() => Started, e => e.CorrelateById(m => m.Message.RunId));
        Event(() => HeartbeatReceived, e => e.CorrelateById(m => m.Message.RunId));
        Event(() => WorkerSucceeded, e => e.CorrelateById(m => m.Message.RunId));
        Event(() => WorkerFailed, e => e.CorrelateById(m => m.Message.RunId));
        Event(() => WorkerReleased, e => e.CorrelateById(m => m.Message.RunId));
        Event(() => CancelRequested, e =>
        {
            e.CorrelateById(m => m.Message.RunId);
            e.OnMissingInstance(m => m.Discard());
        });
        Event(() => Approved, e =>
        {
            e.CorrelateById(m => m.Message.RunId);
            e.OnMissingInstance(m => m.Discard());
        });
        Event(() => Rejected, e =>
        {
            e.CorrelateById(m => m.Message.RunId);
            e.OnMissingInstance(m => m.Discard());
        });
        Event(() => LivenessCheckRequested, e =>
        {
            e.CorrelateById(m => m.Message.RunId);
            e.OnMissingInstance(m => m.Discard());
        });
        Event(() => CancellationAcknowledged, e => e.CorrelateById(m => m.Message.RunId));
        Event(() => WorkerCancelled, e => e.CorrelateById(m => m.Message.RunId));

        Schedule(() => HeartbeatTimeout, x => x.HeartbeatTimeoutTokenId, s =>
        {
            s.Delay = settings.HeartbeatTimeout;
            s.Received = e => e.CorrelateById(m => m.Message.RunId);
        });
        Schedule(() => ApprovalTimeout, x => x.ApprovalTimeoutTokenId, s =>
        {
            s.Delay = settings.ApprovalTimeout;
            s.Received = e => e.CorrelateById(m => m.Message.RunId);
        });
        Schedule(() => RetryDue, x => x.RetryTokenId, s =>
        {
            s.Delay = settings.RetryBackoff;
            s.Received = e => e.CorrelateById(m => m.Message.RunId);
        });

        Initially(
            When(Requested)
                .Initialize(settings)
                .IfElse(context => context.Message.Plan is null,
                    invalid => invalid
                        .Then(context => context.Saga.Error = "The run has no plan.")
                        .Finish(Failed),
                    valid => valid
                        .IfElse(context => context.Saga.RequiresApproval,
                            risky => risky
                                .Then(context => context.Saga.ApprovalExpiresAt = clock.GetUtcNow().UtcDateTime + settings.ApprovalTimeout)
                                .Schedule(ApprovalTimeout, context => new RunApprovalExpired(context.Saga.CorrelationId))
                                .TransitionTo(AwaitingApproval)
                                .PublishStatus(),
                            safe => safe.Enqueue(Queued, settings))));

        During(AwaitingApproval,
            When(Approved, context => context.IsValidApproval())
                .RecordApproval("approved", context => context.Message.DecidedBy, context => context.Message.Comment, clock)
                .Unschedule(ApprovalTimeout)
                .Enqueue(Queued, settings),
            When(Rejected)
                .RecordApproval("rejected", context => context.Message.DecidedBy, context => context.Message.Comment, clock)
                .Then(context => context.Saga.Error = $"Rejected by {context.Message.DecidedBy}" + (context.Message.Comment is { Length: > 0 } c ? ": " + c : "."))
                .Unschedule(ApprovalTimeout)
                .Finish(RejectedByApprover),
            When(ApprovalTimeout.Received)
                .RecordApproval("expired", _ => null, _ => null, clock)
                .Then(context => context.Saga.Error = $"Nobody approved it within {settings.ApprovalTimeout}.")
                .Finish(RejectedByApprover),
            When(ClaimRequested)
                .RejectClaim("run is awaiting approval"),
            When(CancelRequested)
                .RecordCancelRequest()
                .Unschedule(ApprovalTimeout)
                .Finish(Cancelled));

        During(Queued,
            When(AdmittedToSessionLane, context => context.Saga.IsAwaitingSessionLane())
                .DispatchNextAttempt(settings),
            When(RetryDue.Received, context => context.Message.Attempt == context.Saga.Attempt + 1)
                .DispatchNextAttempt(settings),
            When(LivenessCheckRequested, context => context.IsAsSeen() && context.Saga.IsDispatchedUnclaimed())
                .SendCurrentAttempt(settings),
            When(LivenessCheckRequested, context => context.IsAsSeen() && context.Saga.IsAwaitingRetry())
                .Unschedule(RetryDue)
                .DispatchNextAttempt(settings),
            When(LivenessCheckRequested, context => context.IsAsSeen() && context.Saga.IsAwaitingSessionLane())
                .QueueInSessionLane(),
            When(ClaimRequested)
                .IfElse(context => context.IsClaimable(),
                    accept => accept
                        .AcceptClaim(clock)
                        .ScheduleHeartbeatTimeout(HeartbeatTimeout, clock)
                        .TransitionTo(Claimed)
                        .PublishStatus(),
                    reject => reject.RejectClaim("attempt is not the current one or was not dispatched")),
            When(CancelRequested)
                .RecordCancelRequest()
                .Unschedule(RetryDue)
                .Finish(Cancelled));

        During(Claimed, Running, Cancelling,
            When(HeartbeatReceived, context => context.IsCurrentAttempt(context.Message.Attempt))
                .MeasureHeartbeatAge(metrics, clock)
                .RecordSignOfLife(clock),
            When(LivenessCheckRequested, context => context.IsAsSeen())
                .ScheduleHeartbeatTimeout(HeartbeatTimeout, clock),
            When(WorkerSucceeded, context => context.IsCurrentAttempt(context.Message.Attempt))
                .Unschedule(HeartbeatTimeout)
                .Finish(Succeeded));

        During(Claimed, Running,
            When(ClaimRequested)
                .RejectClaim("already claimed"),
            When(WorkerFailed, context => context.IsCurrentAttempt(context.Message.Attempt))
                .Unschedule(HeartbeatTimeout)
                .Then(context => context.Saga.Error = context.Message.Error)
                .IfElse(context => context.Message.Retryable && context.Saga.HasAttemptsLeft,
                    retry => retry
                        .Schedule(RetryDue, context => new RunRetryDue(context.Saga.CorrelationId, context.Saga.Attempt + 1),
                            context => settings.BackoffFor(context.Saga.CountedAttempts))
                        .Requeue(Queued, RequeueReasons.Retry, metrics),
                    fail => fail.Finish(Failed)),
            When(HeartbeatTimeout.Received, context => context.IsCurrentAttempt(context.Message.Attempt))
                .IfElse(context => !context.IsSilent(clock),
                    alive => alive.ScheduleHeartbeatTimeout(HeartbeatTimeout, clock),
                    silent => silent.IfElse(context => context.Saga.HasAttemptsLeft,
                        requeue => requeue
                            .Then(context => context.Saga.Error = $"Worker {context.Saga.ClaimedBy} lost (no heartbeat for {context.Saga.HeartbeatTimeoutSeconds} s).")
                            .RequeueAndDispatch(Queued, settings, RequeueReasons.WorkerLost, metrics),
                        fail => fail
                            .Then(context => context.Saga.Error = $"Worker lost (no heartbeat for {context.Saga.HeartbeatTimeoutSeconds} s) and no attempt left.")
                            .Finish(Failed))),
            When(WorkerReleased, context => context.IsCurrentAttempt(context.Message.Attempt))
                .Unschedule(HeartbeatTimeout)
                .Then(context => context.Saga.ReleasedAttempts++)
                .RequeueAndDispatch(Queued, settings, RequeueReasons.Released, metrics),
            When(CancelRequested)
                .RecordCancelRequest()
                .TransitionTo(Cancelling)
                .PublishStatus()
                .Publish(context => new RunCancellationRequested(context.Saga.CorrelationId, context.Saga.Attempt, context.Message.Reason)));

        During(Claimed,
            When(Started, context => context.IsCurrentAttempt(context.Message.Attempt))
                .Then(context => context.Saga.StartedAt = context.Message.Timestamp)
                .RecordSignOfLife(clock)
                .TransitionTo(Running)
                .PublishStatus());

        During(Cancelling,
            When(ClaimRequested)
                .RejectClaim("run is being cancelled"),
            When(CancelRequested)
                .Publish(context => new RunCancellationRequested(context.Saga.CorrelationId, context.Saga.Attempt, context.Message.Reason)),
            // The worker still beats and has not acknowledged: the request went astray (a temporary queue lost while its
            // worker reconnected, say). Ask again: the worker stops an attempt once, however often it is asked.
            When(HeartbeatReceived, context => context.IsCurrentAttempt(context.Message.Attempt) && context.Saga.CancelAcknowledgedAt is null)
                .Publish(context => new RunCancellationRequested(context.Saga.CorrelationId, context.Saga.Attempt, context.Saga.CancelReason())),
            When(CancellationAcknowledged, context => context.IsCurrentAttempt(context.Message.Attempt))
                .Then(context => context.Saga.CancelAcknowledgedAt = context.Message.Timestamp),
            When(WorkerCancelled, context => context.IsCurrentAttempt(context.Message.Attempt))
                .Unschedule(HeartbeatTimeout)
                .MeasureCancelLatency(metrics)
                .Finish(Cancelled),
            When(WorkerFailed, context => context.IsCurrentAttempt(context.Message.Attempt))
                .Unschedule(HeartbeatTimeout)
                .Then(context => context.Saga.Error = context.Message.Error)
                .Finish(Cancelled),
            When(WorkerReleased, context => context.IsCurrentAttempt(context.Message.Attempt))
                .Unschedule(HeartbeatTimeout)
                .Finish(Cancelled),
            When(HeartbeatTimeout.Received, context => context.IsCurrentAttempt(context.Message.Attempt))
                .IfElse(context => !context.IsSilent(clock),
                    alive => alive.ScheduleHeartbeatTimeout(HeartbeatTimeout, clock),
                    silent => silent
                        .Then(context => context.Saga.Error = "Worker lost while cancelling.")
                        .Finish(Cancelled)));

        During(Succeeded, Failed, Cancelled, RejectedByApprover,
            When(ClaimRequested)
                .RejectClaim("run is finished"),
            When(AdmittedToSessionLane)
                .ReleaseSessionLane());

        DuringAny(
            When(HeartbeatReceived, context => context.Message.Attempt < context.Saga.Attempt || context.Saga.IsFinished())
                .StopSupersededAttempt());

        OnUnhandledEvent(context => context.Ignore());
    }

    public State AwaitingApproval { get; private set; } = null!;
    public State Queued { get; private set; } = null!;
    public State Claimed { get; private set; } = null!;
    public State Running { get; private set; } = null!;
    public State Cancelling { get; private set; } = null!;
    public State Succeeded { get; private set; } = null!;
    public State Failed { get; private set; } = null!;
    public State Cancelled { get; private set; } = null!;

    /// <summary>Status <c>rejected</c>: an approver said no, or nobody approved in time.</summary>
    public State RejectedByApprover { get; private set; } = null!;

    public Event<RunRequested> Requested { get; private set; } = null!;
    public Event<SessionRunAdmitted> AdmittedToSessionLane { get; private set; } = null!;
    public Event<ClaimRun> ClaimRequested { get; private set; } = null!;
    public Event<RunStarted> Started { get; private set; } = null!;
    public Event<RunHeartbeat> HeartbeatReceived { get; private set; } = null!;
    public Event<RunSucceeded> WorkerSucceeded { get; private set; } = null!;
    public Event<RunFailed> WorkerFailed { get; private set; } = null!;
    public Event<RunReleased> WorkerReleased { get; private set; } = null!;
    public Event<CancelRun> CancelRequested { get; private set; } = null!;
    public Event<ApproveRun> Approved { get; private set; } = null!;
    public Event<CheckRunLiveness> LivenessCheckRequested { get; private set; } = null!;
    public Event<RejectRun> Rejected { get; private set; } = null!;
    public Event<RunCancellationAcknowledged> CancellationAcknowledged { get; private set; } = null!;
    public Event<RunCancelled> WorkerCancelled { get; private set; } = null!;

    public Schedule<RunState, RunHeartbeatTimedOut> HeartbeatTimeout { get; private set; } = null!;
    public Schedule<RunState, RunRetryDue> RetryDue { get; private set; } = null!;
    public Schedule<RunState, RunApprovalExpired> ApprovalTimeout { get; private set; } = null!;

    /// <summary>The status word clients see for a state: its name in snake case (<c>AwaitingApproval</c> → <c>awaiting_approval</c>).</summary>
    public static string StatusOf(string stateName) => stateName switch
    {
        nameof(RejectedByApprover) => RunStatuses.Rejected,
        _ => string.Concat(stateName.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString())),
    };
}

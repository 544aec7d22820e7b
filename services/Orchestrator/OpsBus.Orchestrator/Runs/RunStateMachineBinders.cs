using System.Text.Json;
using MassTransit;
using OpsBus.Contracts;
using OpsBus.Orchestrator.SessionLanes;
using OpsBus.Orchestrator.Telemetry;

namespace OpsBus.Orchestrator.Runs;

/// <summary>The named behaviours the run state machine is composed of.</summary>
internal static class RunStateMachineBinders
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static EventActivityBinder<RunState, RunRequested> Initialize(
        this EventActivityBinder<RunState, RunRequested> binder, OrchestratorOptions settings) =>
        binder.Then(context =>
        {
            var message = context.Message;
            var saga = context.Saga;
            saga.PlanJson = JsonSerializer.Serialize(message.Plan, Json);
            saga.Template = message.Template;
            saga.ParametersJson = message.Parameters is null ? null : JsonSerializer.Serialize(message.Parameters, Json);
            saga.Environment = message.Environment;
            saga.Lane = message.Lane;
            saga.SessionId = message.SessionId;
            saga.Priority = message.Priority;
            saga.MaxAttempts = message.MaxAttempts is > 0 ? message.MaxAttempts.Value : settings.DefaultMaxAttempts;
            saga.HeartbeatTimeoutSeconds = message.HeartbeatTimeoutSeconds is > 0
                ? message.HeartbeatTimeoutSeconds.Value
                : (int)Math.Ceiling(settings.HeartbeatTimeout.TotalSeconds);
            saga.RequestedBy = message.RequestedBy;
            saga.IdempotencyKey = message.IdempotencyKey;
            saga.RetryOf = message.RetryOf;
            saga.CreatedAt = message.RequestedAt ?? DateTime.UtcNow;
            saga.TemplateVersion = message.TemplateVersion;
            saga.PlanHash = message.PlanHash;
            saga.Risk = message.Risk;
            saga.RequiresApproval = message.RequiresApproval;
            saga.Trigger = message.Trigger;
        });

    /// <summary>Queues the run: dispatched to its lane at once, or queued in its session-lane.</summary>
    public static EventActivityBinder<RunState, T> Enqueue<T>(this EventActivityBinder<RunState, T> binder, State queued, OrchestratorOptions settings)
        where T : class =>
        binder
            .TransitionTo(queued)
            .PublishStatus()
            .IfElse(context => context.Saga.SessionId is null,
                direct => direct.DispatchNextAttempt(settings),
                session => session.QueueInSessionLane());

    /// <summary>
    /// An approval counts only for the exact plan the approver saw (its hash), and never from the run's own requester.
    /// </summary>
    public static bool IsValidApproval(this BehaviorContext<RunState, ApproveRun> context) =>
        context.Saga.PlanHash is { } hash
        && string.Equals(hash, context.Message.PlanHash, StringComparison.OrdinalIgnoreCase)
        && !string.Equals(context.Saga.RequestedBy, context.Message.DecidedBy, StringComparison.Ordinal);

    public static EventActivityBinder<RunState, T> RecordApproval<T>(this EventActivityBinder<RunState, T> binder, string decision,
        Func<BehaviorContext<RunState, T>, string?> decidedBy, Func<BehaviorContext<RunState, T>, string?> comment, TimeProvider clock)
        where T : class =>
        binder.Then(context =>
        {
            context.Saga.ApprovalDecision = decision;
            context.Saga.ApprovalDecidedBy = decidedBy(context);
            context.Saga.ApprovalComment = comment(context);
            context.Saga.ApprovalDecidedAt = clock.GetUtcNow().UtcDateTime;
        });

    public static TimeSpan HeartbeatTimeout(this RunState saga) => TimeSpan.FromSeconds(saga.HeartbeatTimeoutSeconds);

    /// <summary>
    /// Arms the attempt's heartbeat timeout for when it would go silent: the timeout after its last sign of life.
    /// Heartbeats only record that sign of life; the timeout, when it fires, re-arms itself if the worker was heard from
    /// meanwhile. So a live run costs one scheduled message per timeout period, not one per heartbeat.
    /// </summary>
    public static EventActivityBinder<RunState, T> ScheduleHeartbeatTimeout<T>(this EventActivityBinder<RunState, T> binder,
        Schedule<RunState, RunHeartbeatTimedOut> timeout, TimeProvider clock)
        where T : class =>
        binder.Schedule(timeout, context => new RunHeartbeatTimedOut(context.Saga.CorrelationId, context.Saga.Attempt),
            context => Max(context.Saga.HeartbeatTimeout() - context.Saga.SilenceAt(clock), TimeSpan.FromSeconds(1)));

    /// <summary>Records a sign of life of the current attempt, on the orchestrator's clock (workers' clocks may drift).</summary>
    public static EventActivityBinder<RunState, T> RecordSignOfLife<T>(this EventActivityBinder<RunState, T> binder, TimeProvider clock)
        where T : class =>
        binder.Then(context => context.Saga.HeartbeatAt = clock.GetUtcNow().UtcDateTime);

    /// <summary>How long the attempt had been silent when this heartbeat arrived (<c>opsbus.runs.heartbeat.age</c>).</summary>
    public static EventActivityBinder<RunState, RunHeartbeat> MeasureHeartbeatAge(this EventActivityBinder<RunState, RunHeartbeat> binder,
        RunMetrics metrics, TimeProvider clock) =>
        binder.Then(context => metrics.HeartbeatArrived(context.Saga.SilenceAt(clock), context.Saga.Lane));

    /// <summary>From the cancel request to the worker's report that it stopped (<c>opsbus.runs.cancel.duration</c>).</summary>
    public static EventActivityBinder<RunState, RunCancelled> MeasureCancelLatency(this EventActivityBinder<RunState, RunCancelled> binder,
        RunMetrics metrics) =>
        binder.If(context => context.Saga.CancelRequestedAt is not null,
            requested => requested.Then(context => metrics.CancelCompleted(DateTime.UtcNow - context.Saga.CancelRequestedAt!.Value, context.Saga.Lane)));

    /// <summary>True when the attempt has not been heard from for its whole heartbeat timeout.</summary>
    public static bool IsSilent(this BehaviorContext<RunState> context, TimeProvider clock) =>
        context.Saga.SilenceAt(clock) >= context.Saga.HeartbeatTimeout();

    /// <summary>How long the attempt has been silent: since its last heartbeat or start, else since its claim.</summary>
    private static TimeSpan SilenceAt(this RunState saga, TimeProvider clock) =>
        (saga.HeartbeatAt ?? saga.ClaimedAt) is { } lastSeen ? clock.GetUtcNow().UtcDateTime - lastSeen : TimeSpan.Zero;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    public static bool IsCurrentAttempt(this BehaviorContext<RunState> context, int attempt) => attempt == context.Saga.Attempt;

    public static bool IsClaimable(this BehaviorContext<RunState, ClaimRun> context) =>
        context.Message.Attempt == context.Saga.Attempt
        && context.Saga.DispatchedAttempt == context.Saga.Attempt
        && context.Saga.ClaimedAttempt < context.Saga.Attempt;

    /// <summary>Starts the next attempt: a new fencing token, sent to the run's lane queue.</summary>
    public static EventActivityBinder<RunState, T> DispatchNextAttempt<T>(this EventActivityBinder<RunState, T> binder, OrchestratorOptions settings)
        where T : class =>
        binder
            .Then(context =>
            {
                context.Saga.Attempt++;
                context.Saga.DispatchedAttempt = context.Saga.Attempt;
            })
            .SendCurrentAttempt(settings);

    /// <summary>
    /// The run is still on the attempt and in the status the liveness check was sent for (either left out: any). A sweep's
    /// check consumed after the run moved on (a claimed run that failed and waits for its retry) must not act on the new state.
    /// </summary>
    public static bool IsAsSeen(this BehaviorContext<RunState, CheckRunLiveness> context) =>
        (context.Message.Attempt is not { } attempt || attempt == context.Saga.Attempt)
        && (context.Message.Status is not { } status || status == context.Saga.Status);

    /// <summary>A dispatched attempt nobody claimed: true when its <see cref="ExecuteRun"/> may have been lost.</summary>
    public static bool IsDispatchedUnclaimed(this RunState saga) =>
        saga.Attempt > 0 && saga.DispatchedAttempt == saga.Attempt && saga.ClaimedAttempt < saga.Attempt;

    /// <summary>
    /// A session run its session-lane has not admitted yet: it waits its turn, or its <see cref="QueueSessionRun"/>, its
    /// <see cref="SessionRunAdmitted"/> or the <see cref="SessionRunEnded"/> of the run ahead of it was lost. An admission
    /// counts only then: one delivered twice must not dispatch a second attempt.
    /// </summary>
    public static bool IsAwaitingSessionLane(this RunState saga) => saga.SessionId is not null && saga.Attempt == 0;

    /// <summary>An attempt given up for a retry that has not been dispatched yet (it waits for <see cref="RunRetryDue"/>).</summary>
    public static bool IsAwaitingRetry(this RunState saga) =>
        saga.Attempt > 0 && saga.DispatchedAttempt == saga.Attempt && saga.ClaimedAttempt == saga.Attempt;

    /// <summary>
    /// Sends the current attempt to the lane again, same fencing token: if the first one was lost the run goes on, and if
    /// it was not, the claim accepts only one of the two.
    /// </summary>
    public static EventActivityBinder<RunState, T> SendCurrentAttempt<T>(this EventActivityBinder<RunState, T> binder, OrchestratorOptions settings)
        where T : class =>
        binder
            .Send(
                context => new Uri("queue:" + Lanes.QueueName(context.Saga.Lane)),
                context => new ExecuteRun(
                    context.Saga.CorrelationId,
                    context.Saga.Attempt,
                    JsonSerializer.Deserialize<RunPlan>(context.Saga.PlanJson, Json)!,
                    context.Saga.Lane,
                    context.Saga.SessionId,
                    (int)Math.Ceiling(settings.HeartbeatInterval.TotalSeconds),
                    context.Saga.HeartbeatTimeoutSeconds));

    public static EventActivityBinder<RunState, ClaimRun> AcceptClaim(this EventActivityBinder<RunState, ClaimRun> binder, TimeProvider clock) =>
        binder
            .Then(context =>
            {
                context.Saga.ClaimedAttempt = context.Message.Attempt;
                context.Saga.ClaimedBy = context.Message.WorkerId;
                context.Saga.ClaimedAt = clock.GetUtcNow().UtcDateTime;
                context.Saga.StartedAt = null;
            })
            .Respond(context => new RunClaimAccepted(context.Saga.CorrelationId, context.Message.Attempt, context.Message.WorkerId));

    public static EventActivityBinder<RunState, ClaimRun> RejectClaim(this EventActivityBinder<RunState, ClaimRun> binder, string reason) =>
        binder.Respond(context => new RunClaimRejected(context.Saga.CorrelationId, context.Message.Attempt, context.Message.WorkerId, reason));

    public static EventActivityBinder<RunState, CancelRun> RecordCancelRequest(this EventActivityBinder<RunState, CancelRun> binder) =>
        binder.Then(context =>
        {
            context.Saga.CancelRequestedAt = DateTime.UtcNow;
            context.Saga.CancelRequestedBy = context.Message.RequestedBy;
            if (context.Message.Reason is { Length: > 0 } reason)
                context.Saga.Error = CancelledPrefix + reason;
        });

    /// <summary>The reason the cancel was requested with, as <see cref="RecordCancelRequest"/> recorded it.</summary>
    public static string? CancelReason(this RunState run) =>
        run.Error is { } error && error.StartsWith(CancelledPrefix, StringComparison.Ordinal) ? error[CancelledPrefix.Length..] : null;

    private const string CancelledPrefix = "Cancelled: ";

    /// <summary>Gives the attempt up and puts the run back in the queue; the next attempt is dispatched later (backoff).</summary>
    public static EventActivityBinder<RunState, T> Requeue<T>(this EventActivityBinder<RunState, T> binder, State queued, string reason, RunMetrics metrics)
        where T : class =>
        binder
            .Then(context => context.Saga.ClearClaim())
            .Then(context => metrics.Requeued(reason, context.Saga.Lane))
            .TransitionTo(queued)
            .PublishStatus(reason);

    /// <summary>Gives the attempt up and dispatches the next one at once.</summary>
    public static EventActivityBinder<RunState, T> RequeueAndDispatch<T>(
        this EventActivityBinder<RunState, T> binder, State queued, OrchestratorOptions settings, string reason, RunMetrics metrics)
        where T : class =>
        binder
            .Then(context => context.Saga.ClearClaim())
            .Then(context => metrics.Requeued(reason, context.Saga.Lane))
            .DispatchNextAttempt(settings)
            .TransitionTo(queued)
            .PublishStatus(reason);

    /// <summary>Enters a terminal state: records the time, announces it, frees the session-lane.</summary>
    public static EventActivityBinder<RunState, T> Finish<T>(this EventActivityBinder<RunState, T> binder, State terminal)
        where T : class =>
        binder
            .Then(context => context.Saga.FinishedAt = DateTime.UtcNow)
            .TransitionTo(terminal)
            .PublishStatus()
            .ReleaseSessionLane();

    public static bool IsFinished(this RunState saga) => saga.FinishedAt is not null;

    /// <summary>
    /// A heartbeat from an attempt that was given up (its worker was presumed dead but is not): tell that worker to stop,
    /// so the plan never runs twice at once. Its later messages are ignored anyway.
    /// </summary>
    public static EventActivityBinder<RunState, RunHeartbeat> StopSupersededAttempt(this EventActivityBinder<RunState, RunHeartbeat> binder) =>
        binder.Publish(context => new RunCancellationRequested(context.Saga.CorrelationId, context.Message.Attempt, "attempt superseded"));

    public static EventActivityBinder<RunState, T> QueueInSessionLane<T>(this EventActivityBinder<RunState, T> binder)
        where T : class =>
        binder.Publish(context => new QueueSessionRun(
            context.Saga.CorrelationId, context.Saga.SessionId!, context.Saga.Lane, context.Saga.Priority, context.Saga.CreatedAt));

    public static EventActivityBinder<RunState, T> ReleaseSessionLane<T>(this EventActivityBinder<RunState, T> binder)
        where T : class =>
        binder.If(context => context.Saga.SessionId is not null,
            session => session.Publish(context => new SessionRunEnded(context.Saga.CorrelationId, context.Saga.SessionId!, context.Saga.Lane)));

    /// <summary>Announces the transition just made, with a full snapshot of the run (and why, for a requeue).</summary>
    public static EventActivityBinder<RunState, T> PublishStatus<T>(this EventActivityBinder<RunState, T> binder, string? reason = null)
        where T : class =>
        binder.Publish(context =>
        {
            var saga = context.Saga;
            var previous = saga.Status is { Length: > 0 } last ? last : null;
            saga.Status = RunStateMachine.StatusOf(saga.CurrentState);
            saga.StatusSequence++;
            return new RunStatusChanged(
                saga.CorrelationId, saga.Status, previous, saga.Attempt, saga.MaxAttempts, saga.Lane, saga.SessionId,
                saga.Template, saga.Environment, saga.Priority, saga.ClaimedBy, saga.RequestedBy, saga.CreatedAt,
                saga.ClaimedAt, saga.StartedAt, saga.HeartbeatAt, saga.FinishedAt, saga.Error, DateTime.UtcNow,
                saga.TemplateVersion, saga.Parameters, saga.PlanHash, saga.Risk, saga.RequiresApproval, saga.Approval, saga.StatusSequence,
                saga.Trigger, reason);
        });

    private static void ClearClaim(this RunState saga)
    {
        saga.ClaimedBy = null;
        saga.ClaimedAt = null;
        saga.StartedAt = null;
        saga.HeartbeatAt = null;
    }
}

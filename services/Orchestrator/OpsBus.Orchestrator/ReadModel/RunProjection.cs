using MassTransit;
using Microsoft.Extensions.Logging;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Persistence;
using OpsBus.ServiceDefaults.Persistence;

namespace OpsBus.Orchestrator.ReadModel;

/// <summary>
/// Keeps the steps of the runs read model (<see cref="RunLogProjection"/> keeps their log lines): the plan's steps from
/// <see cref="RunRequested"/>, then what the worker reports. MassTransit batches one message type at a time: each batch
/// (see <see cref="RunProjectionDefinition"/>) holds messages of one of the three types and is stored in one transaction
/// (<see cref="RowBatchWriter"/>). Batches of different types are independent, so the types may be stored in any order
/// relative to each other, and every order ends in the same state:
/// <list type="bullet">
/// <item>a redelivered message or a retried batch changes nothing;</item>
/// <item>a step event from an older attempt never overwrites a newer one;</item>
/// <item>a start never reopens a step its attempt already finished; if the end was stored first, the start only adds its time;</item>
/// <item>the end of a newer attempt drops the start time of an older one;</item>
/// <item>the plan gives ordinal, title, action and phase (a phase the plan leaves empty comes from the start), before or after the step events.</item>
/// </list>
/// PostgreSQL refuses a statement that updates one row twice, so within a batch the events of one step are folded first:
/// the newest attempt wins, as it would if they were stored one by one. A message the table cannot hold (a step id that is
/// missing, longer than the column or holding NUL; an end without a status) is left out with a warning instead of failing
/// the messages batched with it; a NUL in any other text becomes U+FFFD.
/// </summary>
public sealed partial class RunProjection(OrchestratorDbContext db, ILogger<RunProjection> logger) :
    IConsumer<Batch<RunRequested>>,
    IConsumer<Batch<RunStepStarted>>,
    IConsumer<Batch<RunStepFinished>>
{
    private const string Table = "run_steps";

    /// <summary>The length of <c>run_steps.step_id</c>.</summary>
    private const int MaxStepIdLength = 128;

    private static readonly string[] PlanColumns = ["run_id", "step_id", "ordinal", "title", "phase", "action", "status", "attempt"];

    private static readonly string[] StartedColumns = ["run_id", "step_id", "ordinal", "title", "phase", "action", "status", "attempt", "started_at"];

    private static readonly string[] FinishedColumns =
        ["run_id", "step_id", "ordinal", "title", "phase", "action", "status", "attempt", "finished_at", "error"];

    private const string PlanConflict =
        """
        ON CONFLICT (run_id, step_id) DO UPDATE SET ordinal = excluded.ordinal, title = excluded.title, action = excluded.action,
            phase = CASE WHEN excluded.phase = '' THEN run_steps.phase ELSE excluded.phase END
        """;

    // Same attempt and finished: the step keeps its end. A row of the same attempt that is not finished has no end and
    // no error yet, so "same attempt" alone decides whether finished_at and error are kept.
    private const string StartedConflict =
        """
        ON CONFLICT (run_id, step_id) DO UPDATE SET
            status = CASE WHEN run_steps.attempt = excluded.attempt AND run_steps.finished_at IS NOT NULL THEN run_steps.status ELSE 'running' END,
            finished_at = CASE WHEN run_steps.attempt = excluded.attempt THEN run_steps.finished_at END,
            error = CASE WHEN run_steps.attempt = excluded.attempt THEN run_steps.error END,
            attempt = excluded.attempt,
            started_at = excluded.started_at,
            phase = CASE WHEN run_steps.phase = '' THEN excluded.phase ELSE run_steps.phase END
        WHERE run_steps.attempt <= excluded.attempt
        """;

    private const string FinishedConflict =
        """
        ON CONFLICT (run_id, step_id) DO UPDATE SET
            status = excluded.status,
            attempt = excluded.attempt,
            started_at = CASE WHEN run_steps.attempt = excluded.attempt THEN run_steps.started_at END,
            finished_at = excluded.finished_at,
            error = excluded.error
        WHERE run_steps.attempt <= excluded.attempt
        """;

    public Task Consume(ConsumeContext<Batch<RunRequested>> context) => StoreAsync(Messages(context.Message), context.CancellationToken);

    public Task Consume(ConsumeContext<Batch<RunStepStarted>> context) => StoreAsync(Messages(context.Message), context.CancellationToken);

    public Task Consume(ConsumeContext<Batch<RunStepFinished>> context) => StoreAsync(Messages(context.Message), context.CancellationToken);

    /// <summary>Stores the plans' steps as pending, in one transaction; a step a step event stored already keeps its status.</summary>
    public Task StoreAsync(IReadOnlyCollection<RunRequested> requests, CancellationToken cancellationToken)
    {
        var rows = requests
            .SelectMany(r => (r.Plan?.Steps ?? []).Select((step, ordinal) => (r.RunId, Step: step, Ordinal: ordinal)))
            .Where(s => Storable(nameof(RunRequested), s.RunId, s.Step?.Id))
            .GroupBy(s => (s.RunId, s.Step.Id))
            .Select(g => g.Last())
            .OrderBy(s => s.RunId).ThenBy(s => s.Step.Id, StringComparer.Ordinal)
            .Select(s => new object?[] { s.RunId, s.Step.Id, s.Ordinal, Text(s.Step.Title), Text(s.Step.Phase), Text(s.Step.Action), "pending", 0 })
            .ToList();
        return RowBatchWriter.WriteAsync(db, Table, PlanColumns, PlanConflict, rows, cancellationToken);
    }

    /// <summary>Stores step starts, in one transaction.</summary>
    public Task StoreAsync(IReadOnlyCollection<RunStepStarted> events, CancellationToken cancellationToken)
    {
        var storable = events.Where(e => Storable(nameof(RunStepStarted), e.RunId, e.StepId));
        var rows = NewestPerStep(storable, e => (e.RunId, e.StepId), e => (e.Attempt, e.Timestamp))
            .Select(e => new object?[] { e.RunId, e.StepId, 0, "", Text(e.Phase), "", "running", e.Attempt, e.Timestamp })
            .ToList();
        return RowBatchWriter.WriteAsync(db, Table, StartedColumns, StartedConflict, rows, cancellationToken);
    }

    /// <summary>Stores step ends, in one transaction.</summary>
    public Task StoreAsync(IReadOnlyCollection<RunStepFinished> events, CancellationToken cancellationToken)
    {
        var storable = events.Where(e => Storable(nameof(RunStepFinished), e.RunId, e.StepId) && HasStatus(e));
        var rows = NewestPerStep(storable, e => (e.RunId, e.StepId), e => (e.Attempt, e.Timestamp))
            .Select(e => new object?[] { e.RunId, e.StepId, 0, "", "", "", Text(e.Status), e.Attempt, e.Timestamp, WithoutNul(e.Error) })
            .ToList();
        return RowBatchWriter.WriteAsync(db, Table, FinishedColumns, FinishedConflict, rows, cancellationToken);
    }

    private static List<T> Messages<T>(Batch<T> batch)
        where T : class => batch.Select(m => m.Message).ToList();

    /// <summary>
    /// One event per step: the one of the newest attempt (the latest of that attempt's, for a redelivered copy), as
    /// storing them one by one would end. In the order of the table's key, so that concurrent batches lock rows in the same order.
    /// </summary>
    private static IEnumerable<T> NewestPerStep<T>(IEnumerable<T> events, Func<T, (Guid RunId, string StepId)> step,
        Func<T, (int Attempt, DateTime Timestamp)> recency) =>
        events.GroupBy(step)
            .Select(g => g.MaxBy(recency)!)
            .OrderBy(e => step(e).RunId).ThenBy(e => step(e).StepId, StringComparer.Ordinal);

    private bool Storable(string messageType, Guid runId, string? stepId)
    {
        var reason = stepId switch
        {
            null or "" => "no step id",
            { Length: > MaxStepIdLength } => $"a step id longer than {MaxStepIdLength} characters",
            _ when stepId.Contains('\0') => "a NUL character in the step id",
            _ => null,
        };
        if (reason is not null)
            LeftOut(messageType, runId, reason);
        return reason is null;
    }

    private bool HasStatus(RunStepFinished finished)
    {
        if (finished.Status is not null)
            return true;
        LeftOut(nameof(RunStepFinished), finished.RunId, "no status");
        return false;
    }

    private static string Text(string? value) => WithoutNul(value) ?? "";

    /// <summary>PostgreSQL text cannot hold NUL.</summary>
    private static string? WithoutNul(string? value) => value?.Replace('\0', '\uFFFD');

    [LoggerMessage(LogLevel.Warning, "A {MessageType} of run {RunId} was left out of the read model: {Reason}")]
    private partial void LeftOut(string messageType, Guid runId, string reason);
}

using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Persistence;
using OpsBus.Orchestrator.ReadModel;
using OpsBus.Orchestrator.Runs;

namespace OpsBus.Orchestrator.Api;

/// <summary>
/// Builds <see cref="RunSnapshot"/>s from the read model: the run saga's row, with its steps in plan order and their
/// progress from the step rows. A run accepted by the API whose saga has not stored it yet is answered from its
/// accepted request (queued, every step pending), so a read right after the request never misses it.
/// Shared by <c>GET /api/runs/{id}</c>, the run list, sessions and <see cref="GetRunSnapshotConsumer"/>.
/// </summary>
public sealed class RunSnapshots(OrchestratorDbContext db, IOptions<OrchestratorOptions> options)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<RunSnapshot?> FindAsync(Guid runId, CancellationToken cancellationToken)
    {
        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.CorrelationId == runId, cancellationToken);
        if (run is not null)
            return (await OfAsync([run], cancellationToken))[0];

        var accepted = await db.RunRequests.AsNoTracking().SingleOrDefaultAsync(r => r.RunId == runId, cancellationToken);
        return accepted is null ? null : Accepted(accepted);
    }

    /// <summary>Snapshots of saga rows, in the order given, with one query for all their steps.</summary>
    public async Task<IReadOnlyList<RunSnapshot>> OfAsync(IReadOnlyList<RunState> runs, CancellationToken cancellationToken)
    {
        var ids = runs.Select(r => r.CorrelationId).ToList();
        var steps = ids.Count == 0
            ? []
            : await db.RunSteps.AsNoTracking().Where(s => ids.Contains(s.RunId)).ToListAsync(cancellationToken);
        var stepsByRun = steps.ToLookup(s => s.RunId);
        return runs.Select(run => Of(run, stepsByRun[run.CorrelationId])).ToList();
    }

    public RunSnapshot Accepted(RunRequestRecord accepted) =>
        Accepted(JsonSerializer.Deserialize<RunRequested>(accepted.RequestJson, Json)!);

    /// <summary>A run just accepted: queued, no attempt yet, every step pending.</summary>
    public RunSnapshot Accepted(RunRequested request) =>
        new(
            request.RunId,
            RunStatuses.Queued,
            0,
            request.MaxAttempts is > 0 ? request.MaxAttempts.Value : options.Value.DefaultMaxAttempts,
            request.Lane,
            request.SessionId,
            request.Template,
            request.Environment,
            request.Priority,
            null,
            request.RequestedAt ?? DateTime.UnixEpoch,
            null,
            null,
            null,
            null,
            null,
            request.RequestedBy,
            request.RetryOf,
            request.Plan?.Steps.Select(s => new StepSnapshot(s.Id, s.Title, s.Phase, s.Action, "pending", null, null, null)).ToList() ?? [],
            request.TemplateVersion,
            request.Parameters,
            request.PlanHash,
            request.Risk,
            request.RequiresApproval,
            Trigger: request.Trigger);

    private static RunSnapshot Of(RunState run, IEnumerable<RunStepRecord> records)
    {
        var progress = records.ToDictionary(r => r.StepId, StringComparer.Ordinal);
        var plan = JsonSerializer.Deserialize<RunPlan>(run.PlanJson, Json);
        var steps = plan?.Steps is { } planned
            ? planned.Select(s => progress.TryGetValue(s.Id, out var p)
                    ? new StepSnapshot(s.Id, s.Title, s.Phase, s.Action, p.Status, p.StartedAt, p.FinishedAt, p.Error)
                    : new StepSnapshot(s.Id, s.Title, s.Phase, s.Action, "pending", null, null, null))
                .ToList()
            : progress.Values.OrderBy(p => p.Ordinal)
                .Select(p => new StepSnapshot(p.StepId, p.Title, p.Phase, p.Action, p.Status, p.StartedAt, p.FinishedAt, p.Error))
                .ToList();

        return new RunSnapshot(
            run.CorrelationId,
            run.Status is { Length: > 0 } status ? status : RunStateMachine.StatusOf(run.CurrentState),
            run.Attempt,
            run.MaxAttempts,
            run.Lane,
            run.SessionId,
            run.Template,
            run.Environment,
            run.Priority,
            run.ClaimedBy,
            run.CreatedAt,
            run.ClaimedAt,
            run.StartedAt,
            run.HeartbeatAt,
            run.FinishedAt,
            run.Error,
            run.RequestedBy,
            run.RetryOf,
            steps,
            run.TemplateVersion,
            run.Parameters,
            run.PlanHash,
            run.Risk,
            run.RequiresApproval,
            run.Approval,
            run.Trigger);
    }
}

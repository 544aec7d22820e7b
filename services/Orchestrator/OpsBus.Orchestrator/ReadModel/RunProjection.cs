using System.Text;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Persistence;

namespace OpsBus.Orchestrator.ReadModel;

/// <summary>
/// Keeps the steps of the runs read model (<see cref="RunLogProjection"/> keeps their log lines). Idempotent: a
/// redelivered message changes nothing, a step event from an older attempt never overwrites a newer one.
/// The SQL is the common dialect of PostgreSQL and SQLite (INSERT ... ON CONFLICT).
/// </summary>
public sealed class RunProjection(OrchestratorDbContext db) :
    IConsumer<RunRequested>,
    IConsumer<RunStepStarted>,
    IConsumer<RunStepFinished>
{
    public async Task Consume(ConsumeContext<RunRequested> context)
    {
        var steps = context.Message.Plan?.Steps;
        if (steps is null || steps.Count == 0)
            return;

        var sql = new StringBuilder("INSERT INTO run_steps (run_id, step_id, ordinal, title, phase, action, status, attempt) VALUES ");
        var parameters = new List<object>();
        for (var i = 0; i < steps.Count; i++)
        {
            var p = parameters.Count;
            sql.Append(i == 0 ? "" : ", ").Append($"({{{p}}}, {{{p + 1}}}, {{{p + 2}}}, {{{p + 3}}}, {{{p + 4}}}, {{{p + 5}}}, 'pending', 0)");
            parameters.AddRange([context.Message.RunId, steps[i].Id, i, steps[i].Title, steps[i].Phase, steps[i].Action]);
        }
        sql.Append(" ON CONFLICT (run_id, step_id) DO UPDATE SET ordinal = excluded.ordinal, title = excluded.title, phase = excluded.phase, action = excluded.action");
        await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<RunStepStarted> context)
    {
        var m = context.Message;
        return db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO run_steps (run_id, step_id, ordinal, title, phase, action, status, attempt, started_at)
            VALUES ({0}, {1}, 0, '', {2}, '', 'running', {3}, {4})
            ON CONFLICT (run_id, step_id) DO UPDATE SET status = 'running', attempt = excluded.attempt,
                started_at = excluded.started_at, finished_at = NULL, error = NULL
            WHERE run_steps.attempt <= excluded.attempt AND NOT (run_steps.attempt = excluded.attempt AND run_steps.finished_at IS NOT NULL)
            """,
            [m.RunId, m.StepId, m.Phase, m.Attempt, m.Timestamp], context.CancellationToken);
    }

    public Task Consume(ConsumeContext<RunStepFinished> context)
    {
        var m = context.Message;
        return db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO run_steps (run_id, step_id, ordinal, title, phase, action, status, attempt, finished_at, error)
            VALUES ({0}, {1}, 0, '', '', '', {2}, {3}, {4}, {5})
            ON CONFLICT (run_id, step_id) DO UPDATE SET status = excluded.status, attempt = excluded.attempt,
                finished_at = excluded.finished_at, error = excluded.error
            WHERE run_steps.attempt <= excluded.attempt
            """,
            // A null argument becomes SQL NULL; EF Core cannot map a DBNull.Value argument to a store type.
            [m.RunId, m.StepId, m.Status, m.Attempt, m.Timestamp, m.Error!], context.CancellationToken);
    }
}

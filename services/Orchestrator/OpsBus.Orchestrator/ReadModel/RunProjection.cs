using System.Text;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Persistence;

namespace OpsBus.Orchestrator.ReadModel;

/// <summary>
/// Keeps the steps and log lines of the runs read model. Idempotent: a redelivered message changes nothing,
/// a step event from an older attempt never overwrites a newer one, a log line is stored once per (run, seq).
/// The SQL is the common dialect of PostgreSQL and SQLite (INSERT ... ON CONFLICT).
/// </summary>
public sealed class RunProjection(OrchestratorDbContext db) :
    IConsumer<RunRequested>,
    IConsumer<RunStepStarted>,
    IConsumer<RunStepFinished>,
    IConsumer<RunLogAppended>
{
    /// <summary>Rows per INSERT: 8 parameters each, well under SQLite's and PostgreSQL's limits.</summary>
    private const int LinesPerStatement = 200;

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

    /// <summary>A batch is stored in one transaction: one commit per message, not per statement.</summary>
    public async Task Consume(ConsumeContext<RunLogAppended> context)
    {
        var lines = context.Message.Lines;
        if (lines.Count == 0)
            return;

        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        for (var offset = 0; offset < lines.Count; offset += LinesPerStatement)
        {
            var count = Math.Min(LinesPerStatement, lines.Count - offset);
            var sql = new StringBuilder("INSERT INTO run_log_lines (run_id, seq, attempt, written_at, level, source, message, data_json) VALUES ");
            var parameters = new object[count * 8];
            for (var i = 0; i < count; i++)
            {
                var line = lines[offset + i];
                var p = i * 8;
                sql.Append(i == 0 ? "" : ", ").Append($"({{{p}}}, {{{p + 1}}}, {{{p + 2}}}, {{{p + 3}}}, {{{p + 4}}}, {{{p + 5}}}, {{{p + 6}}}, {{{p + 7}}})");
                parameters[p] = context.Message.RunId;
                parameters[p + 1] = line.Seq;
                parameters[p + 2] = context.Message.Attempt;
                parameters[p + 3] = line.Timestamp;
                parameters[p + 4] = line.Level;
                parameters[p + 5] = line.Source;
                parameters[p + 6] = line.Message;
                parameters[p + 7] = line.Data is { } data ? JsonSerializer.Serialize(data) : null!;
            }
            sql.Append(" ON CONFLICT (run_id, seq) DO NOTHING");
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, context.CancellationToken);
        }
        await transaction.CommitAsync(context.CancellationToken);
    }
}

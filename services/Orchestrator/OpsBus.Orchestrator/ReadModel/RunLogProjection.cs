using System.Text;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Persistence;

namespace OpsBus.Orchestrator.ReadModel;

/// <summary>
/// Keeps the log lines of the runs read model, a batch of <see cref="RunLogAppended"/> messages at a time (see
/// <see cref="RunLogProjectionDefinition"/>) in one transaction: a run logging fast costs one commit per batch of
/// messages, not one per message, which is what SQLite can keep up with. Holds nothing between batches. Idempotent:
/// a line is stored once per (run, seq), so a redelivered message or a retried batch changes nothing.
/// The SQL is the common dialect of PostgreSQL and SQLite (INSERT ... ON CONFLICT).
/// </summary>
public sealed class RunLogProjection(OrchestratorDbContext db) : IConsumer<Batch<RunLogAppended>>
{
    /// <summary>Rows per INSERT: 8 parameters each, well under SQLite's and PostgreSQL's limits.</summary>
    private const int LinesPerStatement = 200;

    public async Task Consume(ConsumeContext<Batch<RunLogAppended>> context)
    {
        if (context.Message.All(m => m.Message.Lines.Count == 0))
            return;

        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        foreach (var appended in context.Message)
        {
            var lines = appended.Message.Lines;
            for (var offset = 0; offset < lines.Count; offset += LinesPerStatement)
                await InsertAsync(appended.Message, offset, Math.Min(LinesPerStatement, lines.Count - offset), context.CancellationToken);
        }
        await transaction.CommitAsync(context.CancellationToken);
    }

    private Task InsertAsync(RunLogAppended appended, int offset, int count, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("INSERT INTO run_log_lines (run_id, seq, attempt, written_at, level, source, message, data_json) VALUES ");
        var parameters = new object[count * 8];
        for (var i = 0; i < count; i++)
        {
            var line = appended.Lines[offset + i];
            var p = i * 8;
            sql.Append(i == 0 ? "" : ", ").Append($"({{{p}}}, {{{p + 1}}}, {{{p + 2}}}, {{{p + 3}}}, {{{p + 4}}}, {{{p + 5}}}, {{{p + 6}}}, {{{p + 7}}})");
            parameters[p] = appended.RunId;
            parameters[p + 1] = line.Seq;
            parameters[p + 2] = appended.Attempt;
            parameters[p + 3] = line.Timestamp;
            parameters[p + 4] = line.Level;
            parameters[p + 5] = line.Source;
            parameters[p + 6] = line.Message;
            // A null argument becomes SQL NULL; EF Core cannot map a DBNull.Value argument to a store type.
            parameters[p + 7] = line.Data is { } data ? JsonSerializer.Serialize(data) : null!;
        }
        sql.Append(" ON CONFLICT (run_id, seq) DO NOTHING");
        return db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, cancellationToken);
    }
}

using System.Data.Common;
using System.Text;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Persistence;

namespace OpsBus.Orchestrator.ReadModel;

/// <summary>
/// Keeps the log lines of the runs read model, a batch of <see cref="RunLogAppended"/> messages at a time (see
/// <see cref="RunLogProjectionDefinition"/>) in one transaction: a run logging fast costs one commit per batch of
/// messages, not one per message. The rows go through one prepared multi-row INSERT reused for every chunk of the batch,
/// the cheapest way to feed SQLite and PostgreSQL alike (INSERT ... ON CONFLICT is their common dialect). Holds nothing
/// between batches. Idempotent: a line is stored once per (run, seq), so a redelivered message or a retried batch changes nothing.
/// </summary>
public sealed class RunLogProjection(OrchestratorDbContext db) : IConsumer<Batch<RunLogAppended>>
{
    /// <summary>Rows per INSERT: 8 parameters each, well under SQLite's and PostgreSQL's limits.</summary>
    private const int RowsPerStatement = 100;

    private const int Columns = 8;

    public async Task Consume(ConsumeContext<Batch<RunLogAppended>> context)
    {
        var rows = context.Message.SelectMany(m => m.Message.Lines.Select(line => (m.Message.RunId, m.Message.Attempt, Line: line))).ToList();
        if (rows.Count == 0)
            return;

        // SQLite keeps a Guid as upper-case text and PostgreSQL as uuid, as the model maps them.
        var sqlite = db.Database.IsSqlite();
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        await using var full = Command(transaction, Math.Min(RowsPerStatement, rows.Count));
        for (var offset = 0; offset < rows.Count; offset += RowsPerStatement)
        {
            var count = Math.Min(RowsPerStatement, rows.Count - offset);
            await using var partial = count < full.Parameters.Count / Columns ? Command(transaction, count) : null;
            var command = partial ?? full;
            for (var i = 0; i < count; i++)
            {
                var (runId, attempt, line) = rows[offset + i];
                var p = i * Columns;
                command.Parameters[p].Value = sqlite ? runId.ToString().ToUpperInvariant() : runId;
                command.Parameters[p + 1].Value = line.Seq;
                command.Parameters[p + 2].Value = attempt;
                command.Parameters[p + 3].Value = line.Timestamp.Kind == DateTimeKind.Local ? line.Timestamp.ToUniversalTime() : line.Timestamp;
                command.Parameters[p + 4].Value = line.Level;
                command.Parameters[p + 5].Value = line.Source;
                command.Parameters[p + 6].Value = line.Message;
                command.Parameters[p + 7].Value = line.Data is { } data ? JsonSerializer.Serialize(data) : DBNull.Value;
            }
            await command.ExecuteNonQueryAsync(context.CancellationToken);
        }
        await transaction.CommitAsync(context.CancellationToken);
    }

    private DbCommand Command(IDbContextTransaction transaction, int rows)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        var sql = new StringBuilder("INSERT INTO run_log_lines (run_id, seq, attempt, written_at, level, source, message, data_json) VALUES ");
        for (var i = 0; i < rows; i++)
        {
            sql.Append(i == 0 ? "(" : ", (");
            for (var c = 0; c < Columns; c++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@p{i * Columns + c}";
                command.Parameters.Add(parameter);
                sql.Append(c == 0 ? "" : ", ").Append(parameter.ParameterName);
            }
            sql.Append(')');
        }
        command.CommandText = sql.Append(" ON CONFLICT (run_id, seq) DO NOTHING").ToString();
        return command;
    }
}

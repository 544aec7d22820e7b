using System.Text.Json;
using MassTransit;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Persistence;
using OpsBus.ServiceDefaults.Persistence;

namespace OpsBus.Orchestrator.ReadModel;

/// <summary>
/// Keeps the log lines of the runs read model, a batch of <see cref="RunLogAppended"/> messages at a time (see
/// <see cref="RunLogProjectionDefinition"/>) in one transaction: a run logging fast costs one commit per batch of
/// messages, not one per message (<see cref="RowBatchWriter"/>). Holds nothing between batches. Idempotent: a line is
/// stored once per (run, seq), so a redelivered message or a retried batch changes nothing.
/// </summary>
public sealed class RunLogProjection(OrchestratorDbContext db) : IConsumer<Batch<RunLogAppended>>
{
    private static readonly string[] Columns = ["run_id", "seq", "attempt", "written_at", "level", "source", "message", "data_json"];

    public Task Consume(ConsumeContext<Batch<RunLogAppended>> context)
    {
        var rows = context.Message
            .SelectMany(m => m.Message.Lines.Select(line => new object?[]
            {
                m.Message.RunId, line.Seq, m.Message.Attempt, line.Timestamp, line.Level, line.Source, line.Message,
                line.Data is { } data ? JsonSerializer.Serialize(data) : null,
            }))
            .ToList();
        return RowBatchWriter.WriteAsync(db, "run_log_lines", Columns, "ON CONFLICT (run_id, seq) DO NOTHING", rows, context.CancellationToken);
    }
}

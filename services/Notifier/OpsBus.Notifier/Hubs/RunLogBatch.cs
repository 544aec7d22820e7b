using System.Text.Json;
using OpsBus.Contracts;

namespace OpsBus.Notifier.Hubs;

/// <summary>
/// The payload of <see cref="RunsHub.RunLog"/>: <c>{ runId, items: [{ seq, ts, level, source, message, data }] }</c>, the
/// lines in sequence order; one message may hold the lines of several <see cref="RunLogAppended"/> batches.
/// </summary>
public sealed record RunLogBatch(Guid RunId, IReadOnlyList<RunLogItem> Items)
{
    public static IReadOnlyList<RunLogItem> ItemsOf(RunLogAppended appended) =>
        [.. appended.Lines.Select(line => new RunLogItem(line.Seq, line.Timestamp, line.Level, line.Source, line.Message, line.Data))];
}

/// <summary>One log line, as <c>GET /api/runs/{id}/events</c> lists it.</summary>
public sealed record RunLogItem(long Seq, DateTime Ts, string Level, string Source, string Message, JsonElement? Data);

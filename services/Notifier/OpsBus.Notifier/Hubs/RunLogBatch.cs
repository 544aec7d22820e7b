using System.Text.Json;
using OpsBus.Contracts;

namespace OpsBus.Notifier.Hubs;

/// <summary>The payload of <see cref="RunsHub.RunLog"/>: <c>{ runId, items: [{ seq, ts, level, source, message, data }] }</c>.</summary>
public sealed record RunLogBatch(Guid RunId, IReadOnlyList<RunLogItem> Items)
{
    public static RunLogBatch From(RunLogAppended appended) =>
        new(appended.RunId, [.. appended.Lines.Select(line => new RunLogItem(line.Seq, line.Timestamp, line.Level, line.Source, line.Message, line.Data))]);
}

/// <summary>One log line, as <c>GET /api/runs/{id}/events</c> lists it.</summary>
public sealed record RunLogItem(long Seq, DateTime Ts, string Level, string Source, string Message, JsonElement? Data);

using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Persistence;

namespace OpsBus.Orchestrator.Telemetry;

/// <summary>
/// Gauges of the runs in flight, read from the runs table: runs per non-terminal status, the lane queue depth (attempts
/// dispatched to a lane and not yet claimed) and the oldest sign of life of a claimed or running attempt. One grouped
/// query answers all three, at most once per <see cref="RefreshInterval"/> however often they are collected; when the
/// database does not answer they report nothing (absent series, and a warning in the log), never a stale figure. The
/// default lanes always have a series otherwise, so an idle lane reads 0 rather than missing.
/// </summary>
internal sealed partial class RunGauges(RunMetrics metrics, IServiceScopeFactory scopes, TimeProvider clock, ILogger<RunGauges> logger) : IHostedService
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

    private static readonly string[] Active =
        [RunStatuses.AwaitingApproval, RunStatuses.Queued, RunStatuses.Claimed, RunStatuses.Running, RunStatuses.Cancelling];

    private static readonly string[] DefaultLanes = [.. Lanes.Default.Select(Lanes.QueueName)];

    private readonly Lock _refresh = new();
    private IReadOnlyList<LaneStatusCount>? _snapshot;
    private long? _takenAt;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.Meter.CreateObservableGauge("opsbus.runs.active", ActiveRuns, "{run}",
            "Runs in a non-terminal status (awaiting_approval, queued, claimed, running, cancelling), by status and lane.");
        metrics.Meter.CreateObservableGauge("opsbus.lanes.queue_depth", QueueDepth, "{run}",
            "Attempts sent to a lane queue and not yet claimed by a worker. Runs waiting for their session-lane, an approval or a retry backoff are not in it.");
        metrics.Meter.CreateObservableGauge("opsbus.runs.heartbeat.max_age", OldestSignOfLife, "s",
            "Per lane, the longest time any claimed, running or cancelling attempt has not been heard from (heartbeat, start or claim).");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<Measurement<long>> ActiveRuns()
    {
        if (Snapshot() is not { } snapshot)
            return [];
        var counts = snapshot.GroupBy(c => (c.Status, Lane: Lanes.QueueName(c.Lane))).ToDictionary(g => g.Key, g => g.Sum(c => (long)c.Count));
        return counts.Keys.Union(Active.SelectMany(status => DefaultLanes.Select(lane => (Status: status, Lane: lane))))
            .Select(key => new Measurement<long>(counts.GetValueOrDefault(key), Tag("status", key.Status), Tag("lane", key.Lane)));
    }

    private IEnumerable<Measurement<long>> QueueDepth() =>
        Snapshot() is { } snapshot
            ? PerLane(snapshot.Where(c => c.Status == RunStatuses.Queued), lane => lane.Sum(c => (long)c.WaitingInLane), 0L)
            : [];

    private IEnumerable<Measurement<double>> OldestSignOfLife()
    {
        if (Snapshot() is not { } snapshot)
            return [];
        var now = clock.GetUtcNow().UtcDateTime;
        return PerLane(snapshot.Where(c => c.OldestSignOfLife is not null),
            lane => Math.Max(0, (now - lane.Min(c => c.OldestSignOfLife!.Value)).TotalSeconds), 0d);
    }

    /// <summary>One value per lane with runs, and <paramref name="none"/> for the default lanes without: idle lanes keep their series.</summary>
    private static IEnumerable<Measurement<T>> PerLane<T>(IEnumerable<LaneStatusCount> counts, Func<IEnumerable<LaneStatusCount>, T> value, T none)
        where T : struct
    {
        var lanes = counts.GroupBy(c => Lanes.QueueName(c.Lane)).ToDictionary(g => g.Key, g => value(g));
        return lanes.Keys.Union(DefaultLanes)
            .Select(lane => new Measurement<T>(lanes.TryGetValue(lane, out var measured) ? measured : none, Tag("lane", lane)));
    }

    /// <summary>The runs in flight grouped by status and lane, at most <see cref="RefreshInterval"/> old; null when the database failed.</summary>
    private IReadOnlyList<LaneStatusCount>? Snapshot()
    {
        lock (_refresh)
        {
            if (_takenAt is { } takenAt && Stopwatch.GetElapsedTime(takenAt) < RefreshInterval)
                return _snapshot;
            try
            {
                _snapshot = Query();
            }
            catch (Exception exception)
            {
                _snapshot = null;
                LogQueryFailed(exception);
            }
            _takenAt = Stopwatch.GetTimestamp();
            return _snapshot;
        }
    }

    // Collection callbacks are synchronous; the query is one indexed GROUP BY over the runs in flight.
    private List<LaneStatusCount> Query()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        return db.Runs.AsNoTracking()
            .Where(r => Active.Contains(r.Status))
            .GroupBy(r => new { r.Status, r.Lane })
            .Select(g => new LaneStatusCount(
                g.Key.Status,
                g.Key.Lane,
                g.Count(),
                g.Count(r => r.Attempt > r.ClaimedAttempt),
                g.Min(r => r.HeartbeatAt ?? r.ClaimedAt)))
            .ToList();
    }

    private static KeyValuePair<string, object?> Tag(string name, object? value) => new(name, value);

    [LoggerMessage(LogLevel.Warning, "Could not read the runs in flight for the run gauges; they report nothing until the next refresh")]
    partial void LogQueryFailed(Exception exception);

    private sealed record LaneStatusCount(string Status, string Lane, int Count, int WaitingInLane, DateTime? OldestSignOfLife);
}

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
/// database does not answer they report nothing (absent series), never a stale figure.
/// </summary>
internal sealed partial class RunGauges(RunMetrics metrics, IServiceScopeFactory scopes, TimeProvider clock, ILogger<RunGauges> logger) : IHostedService
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

    private static readonly string[] Active =
        [RunStatuses.AwaitingApproval, RunStatuses.Queued, RunStatuses.Claimed, RunStatuses.Running, RunStatuses.Cancelling];

    private readonly Lock _refresh = new();
    private IReadOnlyList<LaneStatusCount> _snapshot = [];
    private DateTimeOffset _takenAt = DateTimeOffset.MinValue;

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

    private IEnumerable<Measurement<long>> ActiveRuns() =>
        Snapshot().Select(c => new Measurement<long>(c.Count, Tag("status", c.Status), RunMetrics.LaneTag(c.Lane)));

    private IEnumerable<Measurement<long>> QueueDepth() =>
        Snapshot().Where(c => c.Status == RunStatuses.Queued)
            .Select(c => new Measurement<long>(c.WaitingInLane, RunMetrics.LaneTag(c.Lane)));

    private IEnumerable<Measurement<double>> OldestSignOfLife()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return Snapshot()
            .Where(c => c.OldestSignOfLife is not null)
            .GroupBy(c => c.Lane)
            .Select(lane => new Measurement<double>(
                Math.Max(0, (now - lane.Min(c => c.OldestSignOfLife!.Value)).TotalSeconds), RunMetrics.LaneTag(lane.Key)));
    }

    private IReadOnlyList<LaneStatusCount> Snapshot()
    {
        lock (_refresh)
        {
            var now = clock.GetUtcNow();
            if (now - _takenAt < RefreshInterval)
                return _snapshot;
            try
            {
                _snapshot = Query();
            }
            catch (Exception exception)
            {
                _snapshot = [];
                LogQueryFailed(exception);
            }
            _takenAt = now;
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

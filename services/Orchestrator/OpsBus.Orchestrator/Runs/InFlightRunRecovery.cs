using System.Data.Common;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Persistence;
using OpsBus.SagaStore;

namespace OpsBus.Orchestrator.Runs;

/// <summary>
/// At start, once the bus is up, asks every run in flight (claimed, running, cancelling) to re-arm its heartbeat
/// timeout. On RabbitMQ the pending timeout survives anyway and this only replaces it; in embedded mode, where the
/// in-memory transport loses what was in flight, it is what recovers a run whose timeout had not reached the database.
/// Then, every heartbeat interval, it looks for what a send lost after its saga was saved (an orchestrator killed
/// between the two, or a reply to a dead worker's deleted temporary exchange closing the shared channel under other
/// sends): runs in flight silent past their timeout and one interval (their timeout was lost: it is re-armed, at most
/// once per timeout and two intervals, since each re-arm replaces the pending timeout and re-arming every sweep would
/// put it off for ever), and
/// runs dispatched but unclaimed for twice their timeout (their <see cref="ExecuteRun"/> may be lost: it is sent again,
/// at most once every twice the timeout, and the claim still accepts only one), and, with the durable scheduler, runs
/// waiting for a retry whose scheduled <see cref="RunRetryDue"/> is missing from the scheduler's table at two sweeps in a
/// row (the retry was lost: it is dispatched now).
/// </summary>
internal sealed partial class InFlightRunRecovery(
    IServiceScopeFactory scopes, IBusControl bus, IOptions<OrchestratorOptions> options, TimeProvider clock, ILogger<InFlightRunRecovery> logger)
    : BackgroundService
{
    private static readonly string[] InFlight = [RunStatuses.Claimed, RunStatuses.Running, RunStatuses.Cancelling];

    private readonly SweepThrottle<(Guid RunId, int Attempt)> _resends = new();

    private readonly SweepThrottle<(Guid RunId, int Attempt)> _rearms = new();

    private readonly SweepThrottle<Guid> _requeues = new();

    private HashSet<Guid> _retryTimersMissing = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await bus.WaitForHealthStatus(BusHealthStatus.Healthy, stoppingToken);
        var (inFlight, _) = await CheckAsync(atStart: true, stoppingToken);
        if (inFlight > 0)
            LogChecked(inFlight);

        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var (overdue, resent) = await CheckAsync(atStart: false, stoppingToken);
                if (overdue + resent > 0)
                    LogOverdue(overdue, resent);
            }
            // A database restarting surfaces as EF Core's InvalidOperationException around the transient error: the
            // sweep waits for the next interval, it never stops the host.
            catch (Exception e) when (e is DbException or MassTransitException || DatabaseOutageRetry.IsTransient(e))
            {
                LogSweepFailed(e.Message);
            }
        }
    }

    private async Task<(int InFlight, int Resent)> CheckAsync(bool atStart, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var runs = await db.Runs.AsNoTracking().Where(r => InFlight.Contains(r.Status) || r.Status == RunStatuses.Queued)
            .Select(r => new
            {
                r.CorrelationId, r.Status, r.Attempt, r.DispatchedAttempt, r.ClaimedAttempt, r.CreatedAt, r.ClaimedAt, r.HeartbeatAt,
                r.HeartbeatTimeoutSeconds, r.RetryTokenId, r.SessionId,
            })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var interval = options.Value.HeartbeatInterval;

        var silentRuns = runs
            .Where(r => InFlight.Contains(r.Status))
            .Where(r => atStart || ((r.HeartbeatAt ?? r.ClaimedAt) is { } seen && now - seen > TimeSpan.FromSeconds(r.HeartbeatTimeoutSeconds) + interval))
            .Select(r => ((r.CorrelationId, r.Attempt), atStart ? TimeSpan.Zero : TimeSpan.FromSeconds(r.HeartbeatTimeoutSeconds) + 2 * interval));
        var silent = _rearms.Admit(silentRuns, now).Select(r => r.RunId).ToList();

        var unclaimed = runs
            .Where(r => r.Status == RunStatuses.Queued && r.Attempt > 0 && r.DispatchedAttempt == r.Attempt && r.ClaimedAttempt < r.Attempt)
            .ToList();
        var resendAfter = (int timeoutSeconds) => 2 * TimeSpan.FromSeconds(timeoutSeconds);
        var stale = _resends.Admit(unclaimed
            .Where(r => now - Latest(r.CreatedAt, r.ClaimedAt, r.HeartbeatAt) > resendAfter(r.HeartbeatTimeoutSeconds))
            .Select(r => ((r.CorrelationId, r.Attempt), resendAfter(r.HeartbeatTimeoutSeconds))), now);

        // A session run its session-lane has not admitted: its queueing, its admission, or the end of the run ahead of it
        // may have been lost. Asking again is harmless: the lane saga holds each run once, and a run waiting its turn waits.
        var unadmitted = _requeues.Admit(runs
            .Where(r => r.Status == RunStatuses.Queued && r.Attempt == 0 && r.SessionId is not null)
            .Where(r => now - r.CreatedAt > resendAfter(r.HeartbeatTimeoutSeconds))
            .Select(r => (r.CorrelationId, resendAfter(r.HeartbeatTimeoutSeconds))), now);

        var lostRetries = await LostRetriesAsync(db,
            runs.Where(r => r.Status == RunStatuses.Queued && r.Attempt > 0 && r.ClaimedAttempt == r.Attempt && r.RetryTokenId is not null)
                .ToDictionary(r => r.RetryTokenId!.Value, r => r.CorrelationId),
            cancellationToken);

        // Each check names the attempt and status seen here, so it does nothing if the run has moved on by the time it arrives.
        var seen = runs.ToDictionary(r => r.CorrelationId, r => (r.Attempt, r.Status));
        foreach (var runId in silent.Concat(stale.Select(r => r.RunId)).Concat(lostRetries).Concat(unadmitted))
            await bus.Publish(new CheckRunLiveness(runId, seen[runId].Attempt, seen[runId].Status), cancellationToken);
        return (silent.Count, stale.Count + lostRetries.Count + unadmitted.Count);
    }

    /// <summary>
    /// Runs waiting for a retry (<paramref name="waiting"/>: retry token → run) whose scheduled retry is not in the durable
    /// scheduler's table now and was not at the previous sweep either: a retry being stored or just sent is seen at most once.
    /// </summary>
    private async Task<List<Guid>> LostRetriesAsync(OrchestratorDbContext db, Dictionary<Guid, Guid> waiting, CancellationToken cancellationToken)
    {
        if (options.Value.Scheduler != SchedulerKind.Durable || waiting.Count == 0)
        {
            _retryTimersMissing = [];
            return [];
        }
        var tokens = waiting.Keys.ToList();
        var stored = await db.Set<OpsBus.Scheduling.ScheduledMessage>().AsNoTracking().Where(m => tokens.Contains(m.TokenId)).Select(m => m.TokenId)
            .ToListAsync(cancellationToken);
        var missing = tokens.Except(stored).ToHashSet();
        var lost = missing.Where(_retryTimersMissing.Contains).Select(token => waiting[token]).ToList();
        _retryTimersMissing = missing;
        return lost;
    }

    private static DateTime Latest(DateTime createdAt, DateTime? claimedAt, DateTime? heartbeatAt) =>
        new[] { createdAt, claimedAt ?? createdAt, heartbeatAt ?? createdAt }.Max();

    [LoggerMessage(LogLevel.Information, "Asked {Count} runs in flight to re-arm their heartbeat timeouts")]
    partial void LogChecked(int count);

    [LoggerMessage(LogLevel.Warning, "Lost sends suspected: {Silent} runs in flight silent past their heartbeat timeout (timeouts re-armed), {Unclaimed} dispatched runs unclaimed for twice it (attempts sent again)")]
    partial void LogOverdue(int silent, int unclaimed);

    [LoggerMessage(LogLevel.Warning, "Checking runs in flight for lost sends failed: {Error}")]
    partial void LogSweepFailed(string error);
}

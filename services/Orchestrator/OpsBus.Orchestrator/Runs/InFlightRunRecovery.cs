using System.Data.Common;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Persistence;

namespace OpsBus.Orchestrator.Runs;

/// <summary>
/// At start, once the bus is up, asks every run in flight (claimed, running, cancelling) to re-arm its heartbeat
/// timeout. On RabbitMQ the pending timeout survives anyway and this only replaces it; in embedded mode, where the
/// in-memory transport loses what was in flight, it is what recovers a run whose timeout had not reached the database.
/// Then, every heartbeat interval, it does the same for runs silent for longer than their timeout and one interval: their timeout was lost
/// after the saga was saved (a send that failed after the commit, e.g. when a reply to a dead worker's temporary queue
/// closed the shared channel under the schedule), and without this they would stay claimed or running for ever.
/// </summary>
internal sealed partial class InFlightRunRecovery(
    IServiceScopeFactory scopes, IBusControl bus, IOptions<OrchestratorOptions> options, TimeProvider clock, ILogger<InFlightRunRecovery> logger)
    : BackgroundService
{
    private static readonly string[] InFlight = [RunStatuses.Claimed, RunStatuses.Running, RunStatuses.Cancelling];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await bus.WaitForHealthStatus(BusHealthStatus.Healthy, stoppingToken);
        var count = await CheckAsync(overdueOnly: false, stoppingToken);
        if (count > 0)
            LogChecked(count);

        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                count = await CheckAsync(overdueOnly: true, stoppingToken);
                if (count > 0)
                    LogOverdue(count);
            }
            catch (Exception e) when (e is DbException or MassTransitException or TimeoutException)
            {
                LogSweepFailed(e.Message);
            }
        }
    }

    private async Task<int> CheckAsync(bool overdueOnly, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var runs = await db.Runs.AsNoTracking().Where(r => InFlight.Contains(r.Status))
            .Select(r => new { r.CorrelationId, LastSeen = r.HeartbeatAt ?? r.ClaimedAt, r.HeartbeatTimeoutSeconds })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var runIds = runs
            .Where(r => !overdueOnly || (r.LastSeen is { } seen && now - seen > TimeSpan.FromSeconds(r.HeartbeatTimeoutSeconds) + options.Value.HeartbeatInterval))
            .Select(r => r.CorrelationId)
            .ToList();
        foreach (var runId in runIds)
            await bus.Publish(new CheckRunLiveness(runId), cancellationToken);
        return runIds.Count;
    }

    [LoggerMessage(LogLevel.Information, "Asked {Count} runs in flight to re-arm their heartbeat timeouts")]
    partial void LogChecked(int count);

    [LoggerMessage(LogLevel.Warning, "{Count} runs in flight were silent past their heartbeat timeout without timing out: their timeouts re-armed")]
    partial void LogOverdue(int count);

    [LoggerMessage(LogLevel.Warning, "Checking runs in flight for lost heartbeat timeouts failed: {Error}")]
    partial void LogSweepFailed(string error);
}

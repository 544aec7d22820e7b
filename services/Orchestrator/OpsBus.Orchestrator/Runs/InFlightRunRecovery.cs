using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Persistence;

namespace OpsBus.Orchestrator.Runs;

/// <summary>
/// At start, once the bus is up, asks every run in flight (claimed, running, cancelling) to re-arm its heartbeat
/// timeout. On RabbitMQ the pending timeout survives anyway and this only replaces it; in embedded mode, where the
/// in-memory transport loses what was in flight, it is what recovers a run whose timeout had not reached the database.
/// </summary>
internal sealed partial class InFlightRunRecovery(IServiceScopeFactory scopes, IBusControl bus, ILogger<InFlightRunRecovery> logger) : BackgroundService
{
    private static readonly string[] InFlight = [RunStatuses.Claimed, RunStatuses.Running, RunStatuses.Cancelling];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await bus.WaitForHealthStatus(BusHealthStatus.Healthy, stoppingToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var runIds = await db.Runs.AsNoTracking().Where(r => InFlight.Contains(r.Status)).Select(r => r.CorrelationId).ToListAsync(stoppingToken);
        foreach (var runId in runIds)
            await bus.Publish(new CheckRunLiveness(runId), stoppingToken);
        if (runIds.Count > 0)
            LogChecked(runIds.Count);
    }

    [LoggerMessage(LogLevel.Information, "Asked {Count} runs in flight to re-arm their heartbeat timeouts")]
    partial void LogChecked(int count);
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpsBus.LaneWorker.Execution;

namespace OpsBus.LaneWorker;

/// <summary>
/// On SIGTERM, before the bus stops: take no new claims and hand every running attempt back to the orchestrator,
/// which requeues it for another worker. Nothing a stopping worker held is lost.
/// </summary>
internal sealed class WorkerShutdown(IHostApplicationLifetime lifetime, ActiveRuns activeRuns, ILogger<WorkerShutdown> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(() =>
        {
            logger.LogInformation("Worker stopping: handing back {Count} running attempt(s)", activeRuns.Count);
            activeRuns.ReleaseAll();
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

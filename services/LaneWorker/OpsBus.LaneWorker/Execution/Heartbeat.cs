using MassTransit;
using Microsoft.Extensions.Logging;
using OpsBus.Contracts;

namespace OpsBus.LaneWorker.Execution;

/// <summary>
/// Sends <see cref="RunHeartbeat"/> every interval while an attempt executes, renewing the attempt's lease with each one
/// the broker confirms; a missed one is logged, not fatal. With a lease, a watchdog stops the attempt once no heartbeat
/// was confirmed for that long (<see cref="RunExecution.ExpireLease"/>): cut from the broker, a worker cannot tell
/// the orchestrator it is alive, so it must assume the run is being given to another worker.
/// </summary>
internal sealed class Heartbeat : IAsyncDisposable
{
    /// <summary>How often the watchdog looks at the lease: the delay, beyond the lease, before a stop begins.</summary>
    internal static readonly TimeSpan WatchdogPeriod = TimeSpan.FromMilliseconds(100);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _beats;
    private readonly Task _watchdog;

    public Heartbeat(RunExecution execution, string workerId, TimeSpan interval, TimeSpan? lease, IPublishEndpoint publish, TimeProvider clock, ILogger logger)
    {
        // Looked at once here, before the caller goes on: an attempt whose claim was confirmed too long ago never starts.
        if (lease is { } expiresAfter)
            execution.ExpireLease(expiresAfter, clock.GetUtcNow().UtcDateTime);
        _beats = Task.Run(() => Beat(execution, workerId, interval, lease ?? interval * 3, publish, clock, logger));
        _watchdog = lease is { } duration ? Task.Run(() => Watch(execution, duration, clock, logger)) : Task.CompletedTask;
    }

    private async Task Beat(RunExecution execution, string workerId, TimeSpan interval, TimeSpan publishTimeout, IPublishEndpoint publish, TimeProvider clock, ILogger logger)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token) && !execution.Fenced.IsCancellationRequested)
            {
                var sentAt = clock.GetUtcNow().UtcDateTime;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, execution.Fenced);
                timeout.CancelAfter(publishTimeout);
                try
                {
                    await publish.Publish(new RunHeartbeat(execution.RunId, execution.Attempt, workerId, DateTime.UtcNow), timeout.Token);
                    execution.Renew(sentAt);
                }
                catch (Exception e)
                {
                    if (!_stop.IsCancellationRequested && !execution.Fenced.IsCancellationRequested)
                        logger.LogWarning(e, "Heartbeat of run {RunId} attempt {Attempt} failed", execution.RunId, execution.Attempt);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task Watch(RunExecution execution, TimeSpan lease, TimeProvider clock, ILogger logger)
    {
        using var timer = new PeriodicTimer(WatchdogPeriod);
        try
        {
            while (execution.Reason != StopReason.LeaseLost && await timer.WaitForNextTickAsync(_stop.Token))
                execution.ExpireLease(lease, clock.GetUtcNow().UtcDateTime);
            if (execution.Reason == StopReason.LeaseLost)
            {
                logger.LogWarning("Run {RunId} attempt {Attempt} stopped: no heartbeat confirmed since {LeaseFrom:O} (lease {Lease})",
                    execution.RunId, execution.Attempt, execution.LeaseFrom, lease);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_beats, _watchdog);
        _stop.Dispose();
    }
}

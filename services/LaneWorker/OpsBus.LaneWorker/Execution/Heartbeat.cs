using MassTransit;
using Microsoft.Extensions.Logging;
using OpsBus.Contracts;

namespace OpsBus.LaneWorker.Execution;

/// <summary>Sends <see cref="RunHeartbeat"/> every interval while an attempt executes; a missed one is logged, not fatal.</summary>
internal sealed class Heartbeat : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public Heartbeat(Guid runId, int attempt, string workerId, TimeSpan interval, IPublishEndpoint publish, ILogger logger)
    {
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(interval);
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                {
                    try
                    {
                        await publish.Publish(new RunHeartbeat(runId, attempt, workerId, DateTime.UtcNow), _stop.Token);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        logger.LogWarning(e, "Heartbeat of run {RunId} attempt {Attempt} failed", runId, attempt);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}

using MassTransit;
using Microsoft.Extensions.Options;
using OpsBus.Contracts;
using OpsBus.LaneWorker.Execution;

namespace OpsBus.LaneWorker.Consumers;

/// <summary>
/// Every worker instance has its own temporary queue for cancellations; the one running the attempt acknowledges
/// and stops it (also inside a long step), the others remember it in case the claim is still on its way.
/// </summary>
public sealed class RunCancellationRequestedConsumer(ActiveRuns activeRuns, IOptions<LaneWorkerOptions> options)
    : IConsumer<RunCancellationRequested>
{
    public async Task Consume(ConsumeContext<RunCancellationRequested> context)
    {
        var message = context.Message;
        if (activeRuns.RequestCancel(message.RunId, message.Attempt))
            await context.Publish(new RunCancellationAcknowledged(message.RunId, message.Attempt, options.Value.WorkerId, DateTime.UtcNow));
    }
}

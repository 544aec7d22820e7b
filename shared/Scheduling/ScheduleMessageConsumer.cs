using MassTransit;
using MassTransit.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace OpsBus.Scheduling;

/// <summary>
/// Stores a <see cref="ScheduleMessage" /> as a row. Idempotent: a redelivery, or a token already cancelled or sent,
/// stores nothing.
/// </summary>
internal sealed partial class ScheduleMessageConsumer<TDbContext>(
    TDbContext db,
    DispatchWakeup wakeup,
    ILogger<ScheduleMessageConsumer<TDbContext>> logger) :
    IConsumer<ScheduleMessage>
    where TDbContext : DbContext
{
    public async Task Consume(ConsumeContext<ScheduleMessage> context)
    {
        var message = ScheduledMessageRows.Create(context.Message, context);

        if (await new ScheduledMessageStore(db).TryAdd(message, context.CancellationToken))
        {
            LogStored(message.TokenId, message.DestinationAddress, message.DueAt);
            wakeup.Notify(message.DueAt);
        }
        else
            LogIgnored(message.TokenId);
    }

    [LoggerMessage(LogLevel.Debug, "Scheduled {TokenId} to {DestinationAddress} at {DueAt:O}")]
    partial void LogStored(Guid tokenId, string destinationAddress, DateTime dueAt);

    [LoggerMessage(LogLevel.Debug, "Ignored ScheduleMessage {TokenId}: already stored, cancelled or sent")]
    partial void LogIgnored(Guid tokenId);
}

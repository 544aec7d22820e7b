using MassTransit;
using MassTransit.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace OpsBus.Scheduling;

/// <summary>
/// Deletes the scheduled row and leaves a tombstone, so a cancel that overtakes its <see cref="ScheduleMessage" />
/// still wins.
/// </summary>
internal sealed partial class CancelScheduledMessageConsumer<TDbContext>(
    TDbContext db,
    ILogger<CancelScheduledMessageConsumer<TDbContext>> logger) :
    IConsumer<CancelScheduledMessage>
    where TDbContext : DbContext
{
    public async Task Consume(ConsumeContext<CancelScheduledMessage> context)
    {
        await new ScheduledMessageStore(db).Retire(context.Message.TokenId, TombstoneReason.Cancelled, context.CancellationToken);
        LogCancelled(context.Message.TokenId);
    }

    [LoggerMessage(LogLevel.Debug, "Cancelled scheduled message {TokenId}")]
    partial void LogCancelled(Guid tokenId);
}

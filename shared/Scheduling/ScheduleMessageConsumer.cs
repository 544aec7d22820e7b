using MassTransit;
using MassTransit.Context;
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
        var command = context.Message;

        // Serialized now as the complete envelope it will travel in (payload, its own message types, headers), so the
        // dispatcher forwards it without knowing the contract.
        var serializer = context.SerializerContext.GetMessageSerializer(command.Payload, command.PayloadType);
        var envelope = new MessageSendContext<ScheduleMessage>(command, context.CancellationToken);
        ScheduledTrace.Carry(envelope.Headers);
        var body = serializer.GetMessageBody(envelope);

        var message = new ScheduledMessage
        {
            TokenId = command.CorrelationId,
            DestinationAddress = command.Destination.ToString(),
            DueAt = AsUtc(command.ScheduledTime),
            MessageTypes = string.Join(';', command.PayloadType),
            ContentType = serializer.ContentType.ToString(),
            Body = body.GetBytes(),
            CreatedAt = DateTime.UtcNow,
        };

        if (await new ScheduledMessageStore(db).TryAdd(message, context.CancellationToken))
        {
            LogStored(message.TokenId, message.DestinationAddress, message.DueAt);
            wakeup.Notify(message.DueAt);
        }
        else
            LogIgnored(message.TokenId);
    }

    static DateTime AsUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };

    [LoggerMessage(LogLevel.Debug, "Scheduled {TokenId} to {DestinationAddress} at {DueAt:O}")]
    partial void LogStored(Guid tokenId, string destinationAddress, DateTime dueAt);

    [LoggerMessage(LogLevel.Debug, "Ignored ScheduleMessage {TokenId}: already stored, cancelled or sent")]
    partial void LogIgnored(Guid tokenId);
}

using MassTransit;
using MassTransit.Context;
using MassTransit.Scheduling;

namespace OpsBus.Scheduling;

/// <summary>Turns MassTransit's <see cref="ScheduleMessage" /> into the row the dispatcher forwards when it is due.</summary>
internal static class ScheduledMessageRows
{
    /// <summary>
    /// Serializes the payload now as the complete envelope it will travel in (payload, its own message types, headers),
    /// so the dispatcher forwards it without knowing the contract.
    /// </summary>
    public static ScheduledMessage Create(ScheduleMessage command, ConsumeContext context)
    {
        var serializer = context.SerializerContext.GetMessageSerializer(command.Payload, command.PayloadType);
        var envelope = new MessageSendContext<ScheduleMessage>(command, context.CancellationToken);
        ScheduledTrace.Carry(envelope.Headers, context);

        return new ScheduledMessage
        {
            TokenId = command.CorrelationId,
            DestinationAddress = command.Destination.ToString(),
            DueAt = AsUtc(command.ScheduledTime),
            MessageTypes = string.Join(';', command.PayloadType),
            ContentType = serializer.ContentType.ToString(),
            Body = serializer.GetMessageBody(envelope).GetBytes(),
            CreatedAt = DateTime.UtcNow,
        };
    }

    static DateTime AsUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };
}

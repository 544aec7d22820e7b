using System.Net.Mime;
using MassTransit;
using MassTransit.Serialization;

namespace OpsBus.Scheduling;

/// <summary>
/// Puts a stored envelope back on the wire as it was scheduled: same body, message types and message id, plus the
/// scheduling token header that a state machine's <c>Schedule(...).Received</c> compares with the token it stored.
/// </summary>
internal sealed class StoredMessageSendPipe(ScheduledMessage message) : IPipe<SendContext>
{
    public Task Send(SendContext context)
    {
        var deserializer = context.Serialization.GetMessageDeserializer(new ContentType(message.ContentType));
        var stored = deserializer.Deserialize(new BytesMessageBody(message.Body), EmptyHeaders.Instance, context.DestinationAddress);

        // A re-send after a crash keeps the message id, so receivers with an inbox see a duplicate, not a new message.
        if (stored.MessageId.HasValue)
            context.MessageId = stored.MessageId;

        context.SupportedMessageTypes = message.MessageTypes.Split(';', StringSplitOptions.RemoveEmptyEntries);
        context.Headers.Set(MessageHeaders.SchedulingTokenId, message.TokenId.ToString("D"));
        context.Serializer = stored.GetMessageSerializer();

        return Task.CompletedTask;
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("forwardScheduledMessage");
}

using System.Diagnostics;
using System.Text.Json;
using MassTransit;

namespace OpsBus.Scheduling;

/// <summary>
/// Keeps a scheduled message in the trace that scheduled it. The dispatcher sends from a background loop with no trace of
/// its own, so without this every timeout, retry and tick would start a new trace. The scheduling span's id travels in
/// a header of the stored envelope; the dispatcher sends inside a span that continues it, and MassTransit carries that
/// on to the receiver as usual.
/// </summary>
internal static class ScheduledTrace
{
    public const string SourceName = "OpsBus.Scheduling";
    public const string ParentHeader = "OpsBus-Scheduled-In";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// Remembers the span of the message being consumed in the envelope about to be stored. MassTransit keeps that span on
    /// the consume context; <see cref="Activity.Current" /> can be another message's where a partitioner runs the consumer.
    /// </summary>
    public static void Carry(SendHeaders headers, ConsumeContext context)
    {
        var span = context.TryGetPayload<Activity>(out var own) ? own : Activity.Current;
        if (span is { IdFormat: ActivityIdFormat.W3C, Id: { } id })
            headers.Set(ParentHeader, id);
    }

    /// <summary>A span for forwarding <paramref name="message"/>, in the trace that scheduled it when the envelope says which.</summary>
    public static Activity? StartForward(ScheduledMessage message) =>
        Source.StartActivity("scheduled send", ActivityKind.Internal, ParentOf(message) ?? default(ActivityContext))
            ?.SetTag("opsbus.schedule.token_id", message.TokenId)
            .SetTag("opsbus.schedule.due_at", message.DueAt.ToString("O"));

    private static ActivityContext? ParentOf(ScheduledMessage message)
    {
        if (!message.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase))
            return null;
        try
        {
            using var envelope = JsonDocument.Parse(message.Body);
            return envelope.RootElement.ValueKind == JsonValueKind.Object
                && envelope.RootElement.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object
                && headers.TryGetProperty(ParentHeader, out var parent) && parent.ValueKind == JsonValueKind.String
                && ActivityContext.TryParse(parent.GetString(), null, out var context)
                    ? context
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

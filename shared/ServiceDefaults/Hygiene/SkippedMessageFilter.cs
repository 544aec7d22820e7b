using System.Text.Json;
using MassTransit;
using MassTransit.Transports;

namespace OpsBus.ServiceDefaults.Hygiene;

/// <summary>
/// The dead-letter pipe of every endpoint: moves a message no consumer took to the endpoint's <c>_skipped</c> queue like
/// MassTransit's default, but with an <c>MT-Reason</c> that says why instead of <c>dead-letter</c>, and counts it.
/// </summary>
public sealed class SkippedMessageFilter(BusHygieneMetrics metrics) : IFilter<ReceiveContext>
{
    private const string EnvelopeMediaType = "application/vnd.masstransit+json";

    public async Task Send(ReceiveContext context, IPipe<ReceiveContext> next)
    {
        if (!context.TryGetPayload(out IDeadLetterTransport? transport))
            throw new TransportException(context.InputAddress, "The endpoint has no dead-letter transport to move a skipped message to.");

        await transport.Send(context, ReasonFor(context));
        metrics.Rejected(context.InputAddress, BusHygieneMetrics.Skipped, "not_consumed");
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("opsbus-skipped");

    private static string ReasonFor(ReceiveContext context) =>
        $"skipped: no consumer on {context.InputAddress.AbsolutePath.Split('/').Last()} took the message (types {MessageTypesOf(context)})";

    /// <summary>
    /// The types an envelope names. Only a message that was read without error reaches this filter, so its envelope is
    /// valid JSON; the body is read again here rather than on every message.
    /// </summary>
    private static string MessageTypesOf(ReceiveContext context)
    {
        if (context.ContentType?.MediaType != EnvelopeMediaType)
            return $"unknown, content type {context.ContentType?.MediaType ?? "none"}";
        try
        {
            using var envelope = JsonDocument.Parse(context.Body.GetBytes());
            return envelope.RootElement.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array
                ? string.Join(", ", types.EnumerateArray().Select(t => t.ToString()))
                : "none named";
        }
        catch (JsonException)
        {
            return "unreadable";
        }
    }
}

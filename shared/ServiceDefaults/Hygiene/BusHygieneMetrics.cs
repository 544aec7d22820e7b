using System.Diagnostics.Metrics;

namespace OpsBus.ServiceDefaults.Hygiene;

/// <summary>
/// The <c>OpsBus.Bus</c> meter: messages a receive endpoint set aside instead of consuming them. MassTransit's own
/// <c>messaging.masstransit.receive.errors</c> counts only exceptions that escape the receive pipe, not a message moved to
/// <c>_error</c> (a deserialization failure, a consumer that gave up) or to <c>_skipped</c>, so these are counted here.
/// </summary>
public sealed class BusHygieneMetrics
{
    public const string MeterName = "OpsBus.Bus";
    public const string RejectedInstrument = "opsbus.bus.messages.rejected";
    public const string EndpointTag = "endpoint";
    public const string OutcomeTag = "outcome";
    public const string ReasonTag = "reason";
    public const string Faulted = "faulted";
    public const string Skipped = "skipped";

    private readonly Counter<long> _rejected;

    public BusHygieneMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _rejected = meter.CreateCounter<long>(RejectedInstrument, "{message}",
            "Messages moved to an endpoint's _error queue (outcome faulted) or _skipped queue (outcome skipped).");
    }

    public void Rejected(Uri inputAddress, string outcome, string reason) =>
        _rejected.Add(1,
            new KeyValuePair<string, object?>(EndpointTag, inputAddress.AbsolutePath.Split('/').Last()),
            new KeyValuePair<string, object?>(OutcomeTag, outcome),
            new KeyValuePair<string, object?>(ReasonTag, reason));
}

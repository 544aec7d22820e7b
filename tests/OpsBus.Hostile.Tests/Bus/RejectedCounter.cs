using System.Diagnostics.Metrics;
using OpsBus.ServiceDefaults.Hygiene;

namespace OpsBus.Hostile.Tests.Bus;

/// <summary>
/// Sums one host's <c>opsbus.bus.messages.rejected</c> by endpoint and outcome: meters are told apart by the factory that
/// made them, so hosts of other specs running at the same time do not count.
/// </summary>
internal sealed class RejectedCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<(string Endpoint, string Outcome), long> _totals = [];

    public RejectedCounter(IMeterFactory hostMeters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == BusHygieneMetrics.MeterName && instrument.Name == BusHygieneMetrics.RejectedInstrument
                && ReferenceEquals(instrument.Meter.Scope, hostMeters))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? endpoint = null, outcome = null;
            foreach (var tag in tags)
            {
                if (tag.Key == BusHygieneMetrics.EndpointTag)
                    endpoint = tag.Value as string;
                else if (tag.Key == BusHygieneMetrics.OutcomeTag)
                    outcome = tag.Value as string;
            }
            lock (_totals)
                _totals[(endpoint ?? "", outcome ?? "")] = _totals.GetValueOrDefault((endpoint ?? "", outcome ?? "")) + value;
        });
        _listener.Start();
    }

    public long Total(string endpoint, string outcome)
    {
        lock (_totals)
            return _totals.GetValueOrDefault((endpoint, outcome));
    }

    public void Dispose() => _listener.Dispose();
}

using System.Diagnostics.Metrics;
using OpsBus.Contracts;

namespace OpsBus.Orchestrator.Telemetry;

/// <summary>
/// The <c>OpsBus.Orchestrator</c> meter: what the run saga sees happen (transitions, requeues, cancel latency, heartbeat
/// gaps). Tags are lanes, statuses and reasons only: never run ids, templates chosen by callers, or secrets.
/// The gauges read from the runs table are in <see cref="RunGauges"/>.
/// </summary>
public sealed class RunMetrics
{
    public const string MeterName = "OpsBus.Orchestrator";

    /// <summary>The <c>from</c> of a run's first transition: it had no status before.</summary>
    public const string NoStatus = "none";

    private readonly Counter<long> _transitions;
    private readonly Counter<long> _requeued;
    private readonly Histogram<double> _cancelLatency;
    private readonly Histogram<double> _heartbeatAge;

    public RunMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        _transitions = Meter.CreateCounter<long>("opsbus.runs.transitions", "{transition}",
            "Status changes of runs, tagged from and to status and lane.");
        _requeued = Meter.CreateCounter<long>("opsbus.runs.requeued", "{run}",
            "Runs put back in the queue, by reason: worker_lost (recovered from a dead worker), released (a stopping worker handed it back), retry.");
        _cancelLatency = Meter.CreateHistogram<double>("opsbus.runs.cancel.duration", "s",
            "From a cancel request to the worker reporting the run cancelled (its step stopped and summarize ran).");
        _heartbeatAge = Meter.CreateHistogram<double>("opsbus.runs.heartbeat.age", "s",
            "Age of an attempt's last sign of life when its next heartbeat arrives (the gap between heartbeats, as the orchestrator sees it).");
    }

    /// <summary>The meter itself, for the gauges that share it.</summary>
    internal Meter Meter { get; }

    /// <summary>A lane as its queue's name (<c>lane-a</c>), so it matches the broker's queue metrics.</summary>
    internal static KeyValuePair<string, object?> LaneTag(string lane) => new("lane", Lanes.QueueName(lane));

    public void Transitioned(string? from, string to, string lane) =>
        _transitions.Add(1,
            new KeyValuePair<string, object?>("from", from is { Length: > 0 } ? from : NoStatus),
            new KeyValuePair<string, object?>("to", to),
            LaneTag(lane));

    public void Requeued(string reason, string lane) =>
        _requeued.Add(1, new KeyValuePair<string, object?>("reason", reason), LaneTag(lane));

    public void CancelCompleted(TimeSpan latency, string lane) =>
        _cancelLatency.Record(Math.Max(0, latency.TotalSeconds), LaneTag(lane));

    public void HeartbeatArrived(TimeSpan age, string lane) =>
        _heartbeatAge.Record(Math.Max(0, age.TotalSeconds), LaneTag(lane));
}

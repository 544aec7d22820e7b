using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpsBus.Contracts;

namespace OpsBus.LaneWorker.Execution;

/// <summary>
/// The <c>OpsBus.LaneWorker</c> activity source and meter. An attempt's execution and each of its steps are spans in the
/// run's trace (the parent is the consume of its <c>ExecuteRun</c>, so the trace goes back to the HTTP request), and
/// adapters' HTTP calls nest under their step. Metric tags are lanes (as their queue names, <c>lane-a</c>), actions and statuses: never run ids or inputs.
/// </summary>
public sealed class LaneWorkerTelemetry
{
    public const string Name = "OpsBus.LaneWorker";

    /// <summary>Span tags; run ids belong on spans (one trace per run), never on metrics.</summary>
    public const string RunIdTag = "opsbus.run.id";
    public const string AttemptTag = "opsbus.run.attempt";
    public const string LaneTag = "opsbus.lane";
    public const string WorkerTag = "opsbus.worker.id";
    public const string StepIdTag = "opsbus.step.id";
    public const string StepActionTag = "opsbus.step.action";
    public const string StepPhaseTag = "opsbus.step.phase";
    public const string StepStatusTag = "opsbus.step.status";

    public static readonly ActivitySource Source = new(Name);

    private readonly Histogram<double> _claimLatency;
    private readonly Histogram<double> _stepDuration;

    public LaneWorkerTelemetry(IMeterFactory meters, ActiveRuns activeRuns)
    {
        var meter = meters.Create(Name);
        _claimLatency = meter.CreateHistogram<double>("opsbus.runs.claim.duration", "s",
            "From the orchestrator dispatching an attempt to its lane (the ExecuteRun's sent time) to the worker's claim being accepted.");
        _stepDuration = meter.CreateHistogram<double>("opsbus.worker.steps.duration", "s",
            "How long a step ran, by action and outcome (succeeded, failed, cancelled).");
        meter.CreateObservableGauge("opsbus.worker.runs.active", () => activeRuns.Count, "{run}",
            "Attempts this worker is executing now; a draining worker is done when it reaches 0.");
    }

    public void ClaimAccepted(TimeSpan sinceDispatch, string lane) =>
        _claimLatency.Record(Math.Max(0, sinceDispatch.TotalSeconds), new KeyValuePair<string, object?>("lane", Lanes.QueueName(lane)));

    public void StepFinished(TimeSpan duration, string action, string status) =>
        _stepDuration.Record(duration.TotalSeconds,
            new KeyValuePair<string, object?>("action", action), new KeyValuePair<string, object?>("status", status));
}

using System.Globalization;
using System.Text;
using OpsBus.Contracts;

namespace OpsBus.LoadTest;

/// <param name="Runs">The runs the gateway accepted.</param>
/// <param name="StartedAtMs">When the first run was submitted, in the timelines' clock.</param>
internal sealed record LoadReport(
    LoadOptions Options,
    IReadOnlyList<RunTimeline> Runs,
    double StartedAtMs,
    int RejectedRequests,
    int ThrottledResponses,
    double SubmittedInMs,
    int? DoubleExecutions,
    IReadOnlyList<ServiceMemory>? Memory,
    Cost.CostWindow? Cost = null)
{
    public int Lost => Runs.Count(r => r.DoneSeenAtMs is null);

    public bool Healthy => RejectedRequests == 0 && Lost == 0 && DoubleExecutions is null or 0;

    private IEnumerable<RunTimeline> Done => Runs.Where(r => r.DoneSeenAtMs is not null);

    /// <summary>Flat out for a duration: runs finished between the warm-up and the end of submissions; otherwise up to the last run finished.</summary>
    public SustainedThroughput Sustained => SustainedThroughput.Of(Runs, StartedAtMs, Options.Warmup, Options.Rate is null ? Options.Duration : null);

    public Percentiles? PostLatency => Percentiles.Of(Runs.Select(r => r.AcceptedAtMs!.Value - r.RequestedAtMs).ToList());

    public Percentiles? RequestToClaimed => Percentiles.Of(Runs.Where(r => r.ClaimedSeenAtMs is not null).Select(r => r.ClaimedSeenAtMs!.Value - r.RequestedAtMs).ToList());

    public Percentiles? RequestToDone => Percentiles.Of(Done.Select(r => r.DoneSeenAtMs!.Value - r.RequestedAtMs).ToList());

    public Percentiles? StatusToClient => Percentiles.Of(Runs.SelectMany(r => r.PushDelaysMs).ToList());

    public override string ToString()
    {
        var done = Done.ToList();
        var sustained = Sustained;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"OpsBus load: {Options.Describe()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  accepted {Runs.Count}, rejected {RejectedRequests} (throttled and retried {ThrottledResponses}), succeeded {done.Count(r => r.FinalStatus == RunStatuses.Succeeded)}, other terminal {done.Count(r => r.FinalStatus != RunStatuses.Succeeded)}, lost {Lost}, double executions {(DoubleExecutions?.ToString(CultureInfo.InvariantCulture) ?? "not checked (no --journals)")}");
        var warmup = Options.Warmup > TimeSpan.Zero ? $" after {Durations.Format(Options.Warmup)} warm-up" : "";
        text.AppendLine(CultureInfo.InvariantCulture, $"  throughput: {sustained.RunsPerSecond:0.0} runs/s sustained ({sustained.Done} done in {sustained.Over.TotalSeconds:0.0} s{warmup}; submitted in {SubmittedInMs / 1000:0.0} s)");
        if (Cost is { } cost)
        {
            var messages = cost.Messages is { } m && m.RunsDoneIn(Runs) is > 0 and var runs
                ? string.Create(CultureInfo.InvariantCulture, $"; messages published {m.Published / (double)runs:0.0}, delivered {m.Delivered / (double)runs:0.0} (over {(m.ToMs - m.FromMs) / 1000:0} s)")
                : "";
            text.AppendLine(CultureInfo.InvariantCulture, $"  cost per run: {cost.MachineMs / sustained.Done:0.00} ms of CPU ({cost.Describe(sustained.Done)}){messages}");
        }
        text.AppendLine("  POST /api/runs:           " + Describe(PostLatency));
        text.AppendLine("  request → claimed:        " + Describe(RequestToClaimed));
        text.AppendLine("  request → done:           " + Describe(RequestToDone));
        text.Append("  status change → client:   " + Describe(StatusToClient));
        if (Options.Window is { } window)
        {
            foreach (var line in LatencyWindow.Split(Runs, StartedAtMs, window))
                text.AppendLine().Append("  ").Append(line);
        }
        foreach (var service in Memory ?? [])
            text.AppendLine().Append("  ").Append(service);
        return text.ToString();
    }

    private static string Describe(Percentiles? percentiles) => percentiles?.ToString() ?? "n/a";
}

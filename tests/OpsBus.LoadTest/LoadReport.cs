using System.Globalization;
using System.Text;
using OpsBus.Contracts;

namespace OpsBus.LoadTest;

internal sealed record LoadReport(
    LoadOptions Options,
    IReadOnlyList<RunTimeline> Runs,
    int RejectedRequests,
    int ThrottledResponses,
    double SubmittedInMs,
    double FinishedInMs,
    int? DoubleExecutions)
{
    public int Lost => Runs.Count(r => r.AcceptedAtMs is not null && r.DoneSeenAtMs is null);

    public bool Healthy => RejectedRequests == 0 && Lost == 0 && DoubleExecutions is null or 0;

    public override string ToString()
    {
        var accepted = Runs.Where(r => r.AcceptedAtMs is not null).ToList();
        var done = accepted.Where(r => r.DoneSeenAtMs is not null).ToList();
        var text = new StringBuilder();
        var mode = Options.Rate is { } rate ? $"paced at {rate.ToString(CultureInfo.InvariantCulture)} runs/s" : "flat out";
        text.AppendLine(CultureInfo.InvariantCulture, $"OpsBus load: {Options.Runs} trivial runs {mode}, concurrency {Options.Concurrency}, against {Options.Url}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  accepted {accepted.Count}, rejected {RejectedRequests} (throttled and retried {ThrottledResponses}), succeeded {done.Count(r => r.FinalStatus == RunStatuses.Succeeded)}, other terminal {done.Count(r => r.FinalStatus != RunStatuses.Succeeded)}, lost {Lost}, double executions {(DoubleExecutions?.ToString(CultureInfo.InvariantCulture) ?? "not checked (no --journals)")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  throughput: {done.Count / (FinishedInMs / 1000):0.0} runs/s sustained ({done.Count} done in {FinishedInMs / 1000:0.0} s; submitted in {SubmittedInMs / 1000:0.0} s)");
        text.AppendLine("  POST /api/runs:           " + Percentiles.Describe(accepted.Select(r => r.AcceptedAtMs!.Value - r.RequestedAtMs).ToList()));
        text.AppendLine("  request → claimed:        " + Percentiles.Describe(accepted.Where(r => r.ClaimedSeenAtMs is not null).Select(r => r.ClaimedSeenAtMs!.Value - r.RequestedAtMs).ToList()));
        text.AppendLine("  request → done:           " + Percentiles.Describe(done.Select(r => r.DoneSeenAtMs!.Value - r.RequestedAtMs).ToList()));
        text.Append("  status change → client:   " + Percentiles.Describe(accepted.SelectMany(r => r.PushDelaysMs).ToList()));
        return text.ToString();
    }
}

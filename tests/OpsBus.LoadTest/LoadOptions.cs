namespace OpsBus.LoadTest;

/// <summary>
/// The load scenario: <c>--url http://127.0.0.1:5080 --key KEY --runs 3000 [--rate 100] [--concurrency 64] [--journals DIR]</c>;
/// <c>--duration 30m</c> submits until then instead of a number of runs, <c>--window 5m</c> reports latency per window,
/// <c>--max-outstanding N</c> keeps at most N runs unfinished (flat out without an ever-growing queue),
/// <c>--warmup 15s</c> leaves the first seconds out of the sustained throughput, <c>--watch-pids DIR</c> samples the
/// memory of every service whose <c>NAME.pid</c> is in DIR; flat out for a duration, <c>--pids DIR</c> and
/// <c>--rabbitmq-env FILE</c> have the window after the warm-up priced in CPU and messages per run (<see cref="Cost.CostMeter"/>).
/// </summary>
internal sealed record LoadOptions(
    Uri Url,
    string Key,
    int? Runs,
    TimeSpan? Duration,
    double? Rate,
    int Concurrency,
    int? MaxOutstanding,
    TimeSpan Warmup,
    TimeSpan? Window,
    string? JournalDirectory,
    string? WatchPidsDirectory,
    TimeSpan DrainTimeout,
    OpsBus.LoadTest.Cost.CostMeter? Cost = null)
{
    public static LoadOptions From(Arguments args)
    {
        var duration = args.FindDuration("duration");
        return new LoadOptions(
            new Uri(args.Get("url", "http://127.0.0.1:5080")),
            args.Get("key"),
            args.FindInt("runs") ?? (duration is null ? 1000 : null),
            duration,
            args.FindDouble("rate"),
            args.GetInt("concurrency", 64),
            args.FindInt("max-outstanding"),
            args.GetDuration("warmup", TimeSpan.Zero),
            args.FindDuration("window"),
            args.Find("journals"),
            args.Find("watch-pids"),
            args.GetDuration("drain", TimeSpan.FromSeconds(120)),
            args.Find("pids") is not null || args.Find("rabbitmq-env") is not null ? OpsBus.LoadTest.Cost.CostMeter.From(args) : null);
    }

    public string Describe()
    {
        var amount = Duration is { } d ? $"trivial runs for {Durations.Format(d)}" : $"{Runs} trivial runs";
        var mode = Rate is { } rate ? $"paced at {rate:0.#} runs/s" : MaxOutstanding is { } max ? $"flat out (≤{max} unfinished)" : "flat out";
        return $"{amount} {mode}, concurrency {Concurrency}, against {Url}";
    }
}

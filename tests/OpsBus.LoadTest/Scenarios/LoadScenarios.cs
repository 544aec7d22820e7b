using System.Globalization;

namespace OpsBus.LoadTest.Scenarios;

/// <summary>The scenarios that are a load of trivial runs: throughput (flat out), latency (paced), soak (long and paced).</summary>
internal static class LoadScenarios
{
    public static async Task<(LoadReport Report, BenchResult Result)> RunAsync(string scenario, Arguments args)
    {
        var options = LoadOptions.From(args);
        options = scenario switch
        {
            "throughput" => options with { MaxOutstanding = options.MaxOutstanding ?? 256, Duration = options.Duration ?? TimeSpan.FromSeconds(75), Warmup = options.Warmup == TimeSpan.Zero ? TimeSpan.FromSeconds(15) : options.Warmup, Runs = null },
            "latency" => options with { Rate = options.Rate ?? 100, Duration = options.Duration ?? TimeSpan.FromSeconds(60), Runs = null },
            "soak" => Soak(options),
            _ => options,
        };
        var report = await new LoadRunner(options).RunAsync();
        return (report, scenario switch
        {
            "throughput" => Throughput(report),
            "latency" => Latency(report),
            "soak" => Soak(report),
            _ => new BenchResult("load", "opsbus", new Dictionary<string, double> { ["runs"] = report.Runs.Count, ["lost"] = report.Lost }),
        });
    }

    /// <summary>30 minutes at 20 runs/s by default, in windows of 5 minutes, or a quarter of a shorter soak.</summary>
    private static LoadOptions Soak(LoadOptions options)
    {
        var duration = options.Duration ?? TimeSpan.FromMinutes(30);
        var window = options.Window ?? TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(5).Ticks, duration.Ticks / 4));
        return options with { Rate = options.Rate ?? 20, Duration = duration, Window = window, Runs = null };
    }

    private static BenchResult Throughput(LoadReport report)
    {
        var sustained = report.Sustained;
        var figures = new Dictionary<string, double>
        {
            ["runs_per_s"] = sustained.RunsPerSecond,
            ["done"] = sustained.Done,
            ["seconds"] = sustained.Over.TotalSeconds,
            ["warmup_s"] = report.Options.Warmup.TotalSeconds,
            ["lost"] = report.Lost + report.RejectedRequests,
            ["double_executions"] = report.DoubleExecutions ?? double.NaN,
        };
        report.Cost?.AddFigures(figures, sustained.Done, "run", report.Cost.Messages?.RunsDoneIn(report.Runs));
        return new BenchResult("throughput", "opsbus", figures, report.Cost?.Describe(sustained.Done));
    }

    private static BenchResult Latency(LoadReport report)
    {
        var figures = new Dictionary<string, double>
        {
            ["rate"] = report.Options.Rate ?? double.NaN,
            ["runs"] = report.Runs.Count,
            ["lost"] = report.Lost + report.RejectedRequests,
        };
        Add(figures, "post", report.PostLatency);
        Add(figures, "claimed", report.RequestToClaimed);
        Add(figures, "done", report.RequestToDone);
        Add(figures, "push", report.StatusToClient);
        return new BenchResult("latency", "opsbus", figures);
    }

    private static BenchResult Soak(LoadReport report)
    {
        var windows = LatencyWindow.Split(report.Runs, report.StartedAtMs, report.Options.Window!.Value);
        var memory = report.Memory ?? [];
        var changes = memory.Where(m => m.StartRssMb is not null && m.EndRssMb is not null).Select(m => m.EndRssMb!.Value - m.StartRssMb!.Value).ToList();
        return new BenchResult("soak", "opsbus", new Dictionary<string, double>
        {
            ["minutes"] = report.Options.Duration!.Value.TotalMinutes,
            ["rate"] = report.Options.Rate ?? double.NaN,
            ["runs"] = report.Runs.Count,
            ["lost"] = report.Lost + report.RejectedRequests,
            ["first_p99_ms"] = windows.FirstOrDefault()?.RequestToDone?.P99 ?? double.NaN,
            ["last_p99_ms"] = windows.LastOrDefault()?.RequestToDone?.P99 ?? double.NaN,
            ["max_rss_change_mb"] = changes.Count > 0 ? changes.MaxBy(Math.Abs) : double.NaN,
        }, memory.Count == 0 ? null : string.Join(", ", memory.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Service} {m.StartRssMb:0}→{m.EndRssMb:0} MB"))));
    }

    private static void Add(Dictionary<string, double> figures, string prefix, Percentiles? percentiles)
    {
        figures[prefix + "_p50"] = percentiles?.P50 ?? double.NaN;
        figures[prefix + "_p95"] = percentiles?.P95 ?? double.NaN;
        figures[prefix + "_p99"] = percentiles?.P99 ?? double.NaN;
    }
}

using OpsBus.Contracts;

namespace OpsBus.LoadTest.Scenarios;

/// <summary>
/// Cancel latency: runs sleeping in their step are cancelled over <c>POST /api/runs/{id}/cancel</c>; the time is from
/// just before that request to the step's <c>finishedAt</c> (the worker's <c>RunStepFinished</c> with status
/// <c>cancelled</c>, stamped when the step's action has stopped). Both clocks are this machine's.
/// <c>--cancels 100 --batch 10</c>.
/// </summary>
internal static class CancelScenario
{
    private static readonly TimeSpan StepSettles = TimeSpan.FromSeconds(10);

    public static async Task<BenchResult> RunAsync(Arguments args)
    {
        var cancels = args.GetInt("cancels", 100);
        var batch = Math.Min(args.GetInt("batch", 10), cancels);
        using var api = new OpsBusApi(new Uri(args.Get("url")), args.Get("key"));
        var latencies = new List<double>();
        for (var done = 0; done < cancels; done += batch)
        {
            var size = Math.Min(batch, cancels - done);
            var runs = await Task.WhenAll(Enumerable.Range(done, size).Select(i => api.SubmitAsync(OpsBusApi.SleepStep(600), Lanes.Default[i % Lanes.Default.Count])));
            await Task.WhenAll(runs.Select(run => Require(api.WaitForAsync(run, r => r.Status == RunStatuses.Running, TimeSpan.FromMinutes(2)), run, "running")));
            var requested = await Task.WhenAll(runs.Select(async run =>
            {
                var at = DateTime.UtcNow;
                await api.CancelAsync(run);
                return (Run: run, At: at);
            }));
            foreach (var (run, at) in requested)
            {
                await Require(api.WaitForAsync(run, r => RunStatuses.IsTerminal(r.Status), TimeSpan.FromMinutes(1)), run, "terminal");
                // The read model stores step events in batches (≤50 ms), so the run's status can be final a moment
                // before its step's end is: wait for that too, and name a step that never ends.
                var final = await api.WaitForAsync(run, r => r.Steps.Single().FinishedAt is not null, StepSettles, TimeSpan.FromMilliseconds(50))
                    ?? await api.GetAsync(run);
                var step = final.Steps.Single();
                if (step is { Status: "cancelled", FinishedAt: { } stopped })
                    latencies.Add((stopped - at).TotalMilliseconds);
                else
                    Console.WriteLine($"cancel: run {run} is {final.Status}, but its step is {step.Status} (finished at {step.FinishedAt?.ToString("O") ?? "never"}) {StepSettles.TotalSeconds:0} s later");
            }
            Console.WriteLine($"cancel: {done + size}/{cancels} cancelled");
        }

        var percentiles = Percentiles.Of(latencies);
        return new BenchResult("cancel", "opsbus", new Dictionary<string, double>
        {
            ["cancels"] = cancels,
            ["stopped"] = latencies.Count,
            ["p50_ms"] = percentiles?.P50 ?? double.NaN,
            ["p99_ms"] = percentiles?.P99 ?? double.NaN,
            ["max_ms"] = latencies.DefaultIfEmpty(double.NaN).Max(),
        });
    }

    private static async Task<RunSnapshot> Require(Task<RunSnapshot?> wait, Guid run, string state) =>
        await wait ?? throw new TimeoutException($"run {run} did not become {state} in time");
}

using System.Diagnostics;
using System.Globalization;
using OpsBus.Contracts;

namespace OpsBus.LoadTest.Scenarios;

/// <summary>
/// Recovery: runs sleeping in their step are spread over the workers; the worker holding the most is killed with
/// SIGKILL, and each of its runs is timed from the kill to its next attempt's <c>startedAt</c> on another worker.
/// <c>--pids DIR</c> holds <c>worker-N.pid</c> (the worker id is the file name), <c>--runs 8 --heartbeat-timeout 10</c>.
/// </summary>
internal static class RecoveryScenario
{
    public static async Task<BenchResult> RunAsync(Arguments args)
    {
        var count = args.GetInt("runs", 8);
        var heartbeatTimeout = args.GetInt("heartbeat-timeout", 10);
        var pids = args.Get("pids");
        using var api = new OpsBusApi(new Uri(args.Get("url")), args.Get("key"));

        var runs = await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            api.SubmitAsync(OpsBusApi.SleepStep(3600), Lanes.Default[i % Lanes.Default.Count], heartbeatTimeout, maxAttempts: 3)));
        var running = await Task.WhenAll(runs.Select(async run =>
            await api.WaitForAsync(run, r => r.Status == RunStatuses.Running, TimeSpan.FromMinutes(2))
            ?? throw new TimeoutException($"run {run} did not start in time")));

        var victim = running.GroupBy(r => r.ClaimedBy!).OrderByDescending(g => g.Count()).First();
        var pidFile = Path.Combine(pids, victim.Key + ".pid");
        var pid = PidFiles.Read(pidFile);
        Console.WriteLine($"recovery: killing {victim.Key} (pid {pid}) holding {victim.Count()} of {count} running runs");
        var killedAt = DateTime.UtcNow;
        using (var process = Process.GetProcessById(pid))
            process.Kill();
        File.Delete(pidFile);

        var recoveries = await Task.WhenAll(victim.Select(async before =>
        {
            var again = await api.WaitForAsync(
                before.Id,
                r => r.Status == RunStatuses.Running && r.Attempt > before.Attempt && r.ClaimedBy != victim.Key,
                TimeSpan.FromSeconds(heartbeatTimeout * 3 + 60),
                TimeSpan.FromMilliseconds(250));
            return again?.StartedAt is { } startedAt ? (startedAt - killedAt).TotalSeconds : (double?)null;
        }));

        await Task.WhenAll(runs.Select(api.CancelAsync));
        await Task.WhenAll(runs.Select(run => api.WaitForAsync(run, r => RunStatuses.IsTerminal(r.Status), TimeSpan.FromMinutes(2))));

        var seconds = recoveries.OfType<double>().Order().ToList();
        return new BenchResult("recovery", "opsbus", new Dictionary<string, double>
        {
            ["runs"] = victim.Count(),
            ["recovered"] = seconds.Count,
            ["heartbeat_timeout_s"] = heartbeatTimeout,
            ["p50_s"] = seconds.Count > 0 ? seconds[(seconds.Count - 1) / 2] : double.NaN,
            ["max_s"] = seconds.DefaultIfEmpty(double.NaN).Max(),
        }, string.Join(" ", seconds.Select(s => s.ToString("0.00", CultureInfo.InvariantCulture))));
    }
}

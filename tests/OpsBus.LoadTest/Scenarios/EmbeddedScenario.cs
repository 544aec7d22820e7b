using System.Globalization;
using OpsBus.Contracts;

namespace OpsBus.LoadTest.Scenarios;

/// <summary>
/// Embedded mode: <c>--started-at-ms</c> (Unix ms, taken by the script just before it started the process) to the
/// first trivial run seen succeeded, then the process's (<c>--pid</c>) resident memory once it has settled: ten
/// one-second samples within 2 MB of each other, or whatever it is after <c>--settle</c> (60 s).
/// </summary>
internal static class EmbeddedScenario
{
    public static async Task<BenchResult> RunAsync(Arguments args)
    {
        var startedAt = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(args.Get("started-at-ms"), CultureInfo.InvariantCulture)).UtcDateTime;
        var pid = int.Parse(args.Get("pid"), CultureInfo.InvariantCulture);
        var url = new Uri(args.Get("url"));
        using var api = new OpsBusApi(url, args.Get("key"));

        var readyAt = await WaitReadyAsync(api, TimeSpan.FromMinutes(2));
        var run = await api.SubmitAsync(OpsBusApi.EchoStep("first run"), "A");
        var done = await api.WaitForAsync(run, r => r.Status == RunStatuses.Succeeded, TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(20))
            ?? throw new TimeoutException($"the first run {run} did not succeed in time");
        var firstRunAt = DateTime.UtcNow;
        Console.WriteLine($"embedded: first run {done.Id} succeeded {(firstRunAt - startedAt).TotalSeconds:0.00} s after start");

        var idle = await SettledRssAsync(pid, args.GetDuration("settle", TimeSpan.FromSeconds(60)));
        return new BenchResult("embedded", "opsbus", new Dictionary<string, double>
        {
            ["ready_s"] = (readyAt - startedAt).TotalSeconds,
            ["first_run_s"] = (firstRunAt - startedAt).TotalSeconds,
            ["idle_rss_mb"] = idle,
        });
    }

    private static async Task<DateTime> WaitReadyAsync(OpsBusApi api, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var response = await api.Http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                    return DateTime.UtcNow;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("the embedded host did not become ready in time");
            await Task.Delay(20);
        }
    }

    private static async Task<double> SettledRssAsync(int pid, TimeSpan settle)
    {
        var samples = new Queue<double>();
        var deadline = DateTime.UtcNow + settle;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (true)
        {
            await timer.WaitForNextTickAsync();
            var rss = ProcessMemory.Read(pid)?.RssMb ?? throw new InvalidOperationException($"process {pid} is gone");
            samples.Enqueue(rss);
            if (samples.Count > 10)
                samples.Dequeue();
            if ((samples.Count == 10 && samples.Max() - samples.Min() <= 2) || DateTime.UtcNow > deadline)
                return rss;
        }
    }
}

using System.Globalization;

namespace OpsBus.LoadTest;

/// <summary>
/// One line per scenario: the figures, the Hangfire peer's next to OpsBus's with <c>ratio=opsbus/hangfire</c>, and each
/// target of issue 9 marked PASS or MISS (or "n/a" when the figure it needs was not measured).
/// </summary>
internal static class BenchReport
{
    public static readonly string[] ScenarioOrder = ["throughput", "bus-floor", "latency", "recovery", "cancel", "artifacts", "embedded", "soak"];

    public static IEnumerable<string> Lines(IReadOnlyList<BenchResult> results)
    {
        BenchResult? Find(string scenario, string system) => results.FirstOrDefault(r => r.Scenario == scenario && r.System == system);

        foreach (var scenario in ScenarioOrder)
        {
            var opsbus = Find(scenario, "opsbus");
            var hangfire = Find(scenario, "hangfire");
            if (opsbus is null && hangfire is null)
                continue;
            yield return scenario switch
            {
                "throughput" => Throughput(opsbus, hangfire),
                "bus-floor" => BusFloor(opsbus!, Find("throughput", "opsbus"), Find("throughput", "hangfire")),
                "latency" => Latency(opsbus, hangfire),
                "recovery" => Recovery(opsbus!),
                "cancel" => Cancel(opsbus!),
                "artifacts" => Artifacts(opsbus!),
                "embedded" => Embedded(opsbus!),
                _ => Soak(opsbus!),
            };
        }
    }

    public static string Throughput(BenchResult? opsbus, BenchResult? hangfire)
    {
        var parts = new List<string>();
        if (opsbus is not null)
            parts.Add($"opsbus {F(opsbus["runs_per_s"], "0.0")} runs/s ({F(opsbus["done"])} done over {F(opsbus["seconds"])} s after {F(opsbus["warmup_s"])} s warm-up; lost {F(opsbus["lost"])}, double executions {F(opsbus["double_executions"])})");
        if (hangfire is not null)
            parts.Add($"hangfire {F(hangfire["runs_per_s"], "0.0")} runs/s ({F(hangfire["done"])} done over {F(hangfire["seconds"])} s; lost {F(hangfire["lost"])})");
        var ratio = Ratio(opsbus?["runs_per_s"], hangfire?["runs_per_s"]);
        if (ratio is not null)
            parts.Add($"ratio=opsbus/hangfire {ratio:0.00}");
        if (opsbus?["cpu_ms_per_run"] is { } opsbusCpu)
        {
            parts.Add($"cost per run: opsbus {F(opsbusCpu, "0.00")} ms of CPU on {F(opsbus["cores"])} cores, messages published {F(opsbus["published_per_run"], "0.0")}, delivered {F(opsbus["delivered_per_run"], "0.0")} ({opsbus.Note})"
                + (hangfire?["cpu_ms_per_run"] is { } peerCpu ? $"; hangfire {F(peerCpu, "0.00")} ms of CPU ({hangfire.Note})" : ""));
            parts.Add($"CPU a run may cost for ≥300 runs/s: {F(Budget(opsbus, 300), "0.00")} ms"
                + (hangfire?["runs_per_s"] is > 0 and var peerRate ? $", for ≥2× hangfire: {F(Budget(opsbus, 2 * peerRate), "0.00")} ms" : ""));
        }
        if (opsbus is not null)
        {
            parts.Add(Target("≥300 runs/s", opsbus["runs_per_s"] >= 300));
            parts.Add(Target("≥2× hangfire", ratio is null ? null : ratio >= 2));
            parts.Add(Target("0 lost", opsbus["lost"] == 0));
            parts.Add(Target("0 double executions", opsbus["double_executions"] == 0));
        }
        return "throughput: " + string.Join(" · ", parts);
    }

    /// <summary>
    /// What one delivery costs with nothing else on its path, and what OpsBus's deliveries per run cost at that price
    /// alone: the ceiling no amount of work saved elsewhere lifts, short of fewer messages per run.
    /// </summary>
    public static string BusFloor(BenchResult floor, BenchResult? opsbus, BenchResult? hangfire)
    {
        var line = $"bus floor: MassTransit on RabbitMQ, a status change published to {F(floor["fan_out"])} queues whose consumers do nothing: "
            + $"{F(floor["deliveries_per_s"])} deliveries/s, {F(floor["cpu_ms_per_delivery"], "0.000")} ms of CPU per delivery ({floor.Note})";
        if (opsbus?["delivered_per_run"] is { } deliveries && !double.IsNaN(deliveries) && floor["cpu_ms_per_delivery"] is { } perDelivery)
        {
            var floorPerRun = deliveries * perDelivery;
            line += $" · at OpsBus's {F(deliveries, "0.0")} deliveries per run: {F(floorPerRun, "0.00")} ms of CPU per run in messages alone, "
                + $"a ceiling of {F(floor["cores"] * 1000 / floorPerRun)} runs/s on {F(floor["cores"])} cores with no other work done";
            if (hangfire?["runs_per_s"] is > 0 and var peerRate)
                line += $"; ≥2× hangfire ({F(2 * peerRate)} runs/s) leaves {F(Budget(floor, 2 * peerRate), "0.00")} ms per run for all of it";
        }
        return line;
    }

    /// <summary>The CPU time a run may cost, every process together, for the machine to finish <paramref name="runsPerSecond"/>.</summary>
    private static double? Budget(BenchResult measured, double runsPerSecond) => measured["cores"] * 1000 / runsPerSecond;

    public static string Latency(BenchResult? opsbus, BenchResult? hangfire)
    {
        var parts = new List<string>();
        if (opsbus is not null)
        {
            parts.Add($"opsbus at {F(opsbus["rate"])} runs/s: request→claimed {Triple(opsbus, "claimed")}, request→done {Triple(opsbus, "done")}, status→client {Triple(opsbus, "push")}, POST {Triple(opsbus, "post")} (n={F(opsbus["runs"])}, lost {F(opsbus["lost"])})");
        }
        if (hangfire is not null)
            parts.Add($"hangfire at {F(hangfire["rate"])} runs/s: request→done {Triple(hangfire, "done")} (n={F(hangfire["runs"])}, lost {F(hangfire["lost"])})");
        var ratio = Ratio(opsbus?["done_p99"], hangfire?["done_p99"]);
        if (ratio is not null)
            parts.Add($"ratio=opsbus/hangfire {ratio:0.00} (request→done p99)");
        if (opsbus is not null)
        {
            parts.Add(Target("request→done p99 ≤100 ms", opsbus["done_p99"] <= 100));
            parts.Add(Target("status→client p99 ≤250 ms", opsbus["push_p99"] <= 250));
            parts.Add(Target("POST p99 ≤20 ms", opsbus["post_p99"] <= 20));
        }
        return "latency: " + string.Join(" · ", parts);
    }

    public static string Recovery(BenchResult r)
    {
        var limit = r["heartbeat_timeout_s"] + 1;
        return $"recovery: kill -9 of a worker holding {F(r["runs"])} running runs, {F(r["recovered"])} running again elsewhere: "
            + $"p50 {F(r["p50_s"], "0.00")} s, max {F(r["max_s"], "0.00")} s (each: {r.Note ?? "none"} s; heartbeat timeout {F(r["heartbeat_timeout_s"])} s)"
            + " · " + Target($"≤ heartbeat timeout + 1 s ({F(limit)} s), all recovered", r["max_s"] <= limit && r["recovered"] == r["runs"]);
    }

    public static string Cancel(BenchResult r) =>
        $"cancel: POST /cancel → step stopped on the worker: p50 {F(r["p50_ms"])} ms, p99 {F(r["p99_ms"])} ms, max {F(r["max_ms"])} ms (n={F(r["cancels"])}, stopped {F(r["stopped"])})"
        + " · " + Target("p99 ≤1 s", r["p99_ms"] <= 1000 && r["stopped"] == r["cancels"]);

    public static string Artifacts(BenchResult r)
    {
        var growth = r["rss_peak_mb"] - r["rss_before_mb"];
        var warmup = r["warmup_mb"] is > 0 ? $" (after a {F(r["warmup_mb"])} MB warm-up upload)" : "";
        return $"artifacts: {F(r["size_mb"])} MB upload {F(r["upload_mb_s"], "0.0")} MB/s{warmup}, download {F(r["download_mb_s"], "0.0")} MB/s, "
            + $"artifacts service RSS {F(r["rss_before_mb"])} MB before, peak {F(r["rss_peak_mb"])} MB (+{F(growth)} MB), VmHWM {F(r["hwm_mb"])} MB, content {(r["intact"] == 1 ? "intact" : "CORRUPT")}"
            + " · " + Target("≥200 MB/s upload", r["upload_mb_s"] >= 200)
            + " · " + Target("flat memory (peak ≤ before + 64 MB)", growth <= 64);
    }

    public static string Embedded(BenchResult r) =>
        $"embedded: cold start → first succeeded run {F(r["first_run_s"], "0.00")} s (ready after {F(r["ready_s"], "0.00")} s), idle RSS {F(r["idle_rss_mb"])} MB"
        + " · " + Target("first run ≤5 s", r["first_run_s"] <= 5)
        + " · " + Target("idle RSS ≤250 MB", r["idle_rss_mb"] <= 250);

    public static string Soak(BenchResult r) =>
        $"soak: {F(r["minutes"], "0.#")} min at {F(r["rate"])} runs/s: {F(r["runs"])} runs, lost {F(r["lost"])}, request→done p99 first window {F(r["first_p99_ms"])} ms, last {F(r["last_p99_ms"])} ms, "
        + $"largest service RSS change {F(r["max_rss_change_mb"], "+0;-0;0")} MB ({r.Note ?? "no services watched"})"
        + " · " + Target("0 lost", r["lost"] == 0);

    private static string Triple(BenchResult r, string prefix) =>
        $"p50/p95/p99 {F(r[prefix + "_p50"])}/{F(r[prefix + "_p95"])}/{F(r[prefix + "_p99"])} ms";

    private static double? Ratio(double? a, double? b) => a is { } x && b is > 0 ? x / b : null;

    private static string Target(string label, bool? met) => $"{label} {(met switch { true => "PASS", false => "MISS", null => "n/a" })}";

    private static string F(double? value, string format = "0") => value?.ToString(format, CultureInfo.InvariantCulture) ?? "n/a";
}

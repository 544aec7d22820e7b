namespace OpsBus.LoadTest.Tests;

public sealed class When_the_suite_reports_its_results
{
    private static BenchResult Result(string scenario, string system, params (string Name, double Value)[] figures) =>
        new(scenario, system, figures.ToDictionary(f => f.Name, f => f.Value));

    [Fact]
    public void Should_print_the_peer_and_the_ratio_on_the_throughput_line()
    {
        var line = BenchReport.Throughput(
            Result("throughput", "opsbus", ("runs_per_s", 120), ("done", 7200), ("seconds", 60), ("warmup_s", 15), ("lost", 0), ("double_executions", 0)),
            Result("throughput", "hangfire", ("runs_per_s", 80), ("done", 4800), ("seconds", 60), ("lost", 0)));

        Assert.Equal(
            "throughput: opsbus 120.0 runs/s (7200 done over 60 s after 15 s warm-up; lost 0, double executions 0) · hangfire 80.0 runs/s (4800 done over 60 s; lost 0) · "
            + "ratio=opsbus/hangfire 1.50 · ≥300 runs/s MISS · ≥2× hangfire MISS · 0 lost PASS · 0 double executions PASS",
            line);
    }

    [Fact]
    public void Should_leave_the_ratio_target_unjudged_without_a_peer()
    {
        var line = BenchReport.Throughput(Result("throughput", "opsbus", ("runs_per_s", 320), ("done", 19200), ("seconds", 60), ("warmup_s", 15), ("lost", 0), ("double_executions", 0)), null);

        Assert.Contains("≥300 runs/s PASS · ≥2× hangfire n/a", line);
        Assert.DoesNotContain("ratio=", line);
    }

    [Fact]
    public void Should_miss_a_target_whose_figure_was_not_measured()
    {
        var line = BenchReport.Cancel(Result("cancel", "opsbus", ("cancels", 100), ("stopped", 0), ("p50_ms", double.NaN), ("p99_ms", double.NaN), ("max_ms", double.NaN)));

        Assert.EndsWith("(n=100, stopped 0) · p99 ≤1 s MISS", line);
    }

    [Fact]
    public void Should_print_one_line_per_scenario_in_the_suite_order()
    {
        var results = new[]
        {
            Result("embedded", "opsbus", ("ready_s", 2.5), ("first_run_s", 3.1), ("idle_rss_mb", 180)),
            Result("cancel", "opsbus", ("cancels", 20), ("stopped", 20), ("p50_ms", 120), ("p99_ms", 400), ("max_ms", 410)),
            Result("throughput", "hangfire", ("runs_per_s", 80), ("done", 4800), ("seconds", 60), ("lost", 0)),
        };

        var lines = BenchReport.Lines(results).ToList();

        Assert.Equal(3, lines.Count);
        Assert.StartsWith("throughput: hangfire 80.0 runs/s", lines[0]);
        Assert.EndsWith("p99 ≤1 s PASS", lines[1]);
        Assert.Equal("embedded: cold start → first succeeded run 3.10 s (ready after 2.50 s), idle RSS 180 MB · first run ≤5 s PASS · idle RSS ≤250 MB PASS", lines[2]);
    }

    [Fact]
    public void Should_read_back_the_last_result_of_each_scenario_and_system()
    {
        var file = Path.GetTempFileName();
        try
        {
            BenchResult.Append(file, Result("latency", "opsbus", ("done_p99", double.NaN)));
            BenchResult.Append(file, Result("latency", "opsbus", ("done_p99", 90)));
            BenchResult.Append(file, Result("latency", "hangfire", ("done_p99", 45)));

            var results = BenchResult.ReadAll(file);

            Assert.Equal(2, results.Count);
            Assert.Equal(90, results.Single(r => r.System == "opsbus")["done_p99"]);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

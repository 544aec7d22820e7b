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
    public void Should_price_a_run_and_a_job_and_say_what_a_run_may_cost_for_each_target()
    {
        var line = BenchReport.Throughput(
            new BenchResult("throughput", "opsbus", new Dictionary<string, double>
            {
                ["runs_per_s"] = 100, ["done"] = 6000, ["seconds"] = 60, ["warmup_s"] = 60, ["lost"] = 0, ["double_executions"] = 0,
                ["cores"] = 2, ["cpu_ms_per_run"] = 19.5, ["published_per_run"] = 12.04, ["delivered_per_run"] = 23.1,
            }, "orchestrator 5.50, other 14.00 ms"),
            new BenchResult("throughput", "hangfire", new Dictionary<string, double>
            {
                ["runs_per_s"] = 200, ["done"] = 12000, ["seconds"] = 60, ["lost"] = 0, ["cores"] = 2, ["cpu_ms_per_run"] = 9.6,
            }, "load tool 5.00, postgresql 4.50, other 0.10 ms"));

        Assert.Contains(
            " · cost per run: opsbus 19.50 ms of CPU on 2 cores, messages published 12.0, delivered 23.1 (orchestrator 5.50, other 14.00 ms); "
            + "hangfire 9.60 ms of CPU (load tool 5.00, postgresql 4.50, other 0.10 ms) · CPU a run may cost for ≥300 runs/s: 6.67 ms, for ≥2× hangfire: 5.00 ms · ",
            line);
    }

    [Fact]
    public void Should_put_opsbus_messages_per_run_at_the_price_of_a_bare_delivery()
    {
        var floor = new BenchResult("bus-floor", "opsbus", new Dictionary<string, double>
        {
            ["fan_out"] = 2, ["deliveries_per_s"] = 9869.4, ["cpu_ms_per_delivery"] = 0.2, ["cores"] = 2,
        }, "rabbitmq 0.09, load tool 0.08, other 0.03 ms");
        var opsbus = Result("throughput", "opsbus", ("runs_per_s", 100), ("cores", 2), ("delivered_per_run", 25));
        var hangfire = Result("throughput", "hangfire", ("runs_per_s", 250));

        var line = BenchReport.BusFloor(floor, opsbus, hangfire);

        Assert.Equal(
            "bus floor: MassTransit on RabbitMQ, a status change published to 2 queues whose consumers do nothing: 9869 deliveries/s, 0.200 ms of CPU per delivery "
            + "(rabbitmq 0.09, load tool 0.08, other 0.03 ms) · at OpsBus's 25.0 deliveries per run: 5.00 ms of CPU per run in messages alone, "
            + "a ceiling of 400 runs/s on 2 cores with no other work done; ≥2× hangfire (500 runs/s) leaves 4.00 ms per run for all of it",
            line);
        var lines = BenchReport.Lines([floor, opsbus]).ToList();
        Assert.Equal(2, lines.Count);
        Assert.StartsWith("throughput: ", lines[0]);
        Assert.StartsWith("bus floor: ", lines[1]);
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

using OpsBus.LoadTest.Cost;

namespace OpsBus.LoadTest.Tests;

public sealed class When_cpu_time_is_read_from_proc
{
    [Fact]
    public void Should_count_the_machine_busy_in_everything_but_idle_and_iowait()
    {
        // user nice system idle iowait irq softirq steal guest guest_nice, in ticks of 10 ms
        var busy = CpuTimes.ParseMachineBusyMs("cpu  6111 48 1063 6078645 23772 3 99 2 500 0");

        Assert.Equal((6111 + 48 + 1063 + 3 + 99 + 2) * 10.0, busy);
    }

    [Fact]
    public void Should_refuse_a_line_that_is_not_the_machine_total()
    {
        Assert.Throws<FormatException>(() => CpuTimes.ParseMachineBusyMs("cpu0 1 2 3 4 5 6 7 8 9 10"));
    }

    [Fact]
    public void Should_take_user_and_system_time_after_a_command_name_with_spaces_and_parentheses()
    {
        const string stat = "4242 (dotnet (worker) 1) S 1 4242 4242 0 -1 4194560 9000 0 0 0 1234 567 0 0 20 0 31 0 100 0 0";

        Assert.Equal((1234 + 567) * 10.0, CpuTimes.ParseProcessMs(stat));
    }

    [Fact]
    public void Should_read_this_process_and_nothing_for_a_process_that_is_gone()
    {
        Assert.NotNull(CpuTimes.ProcessMs(Environment.ProcessId));
        Assert.Null(CpuTimes.ProcessMs(int.MaxValue));
        Assert.True(CpuTimes.MachineBusyMs() > 0);
    }
}

public sealed class When_the_broker_counters_are_read
{
    [Fact]
    public void Should_take_the_published_and_delivered_totals_from_the_tuple_rabbitmqctl_prints()
    {
        Assert.Equal((1_234_567L, 2_469_134L), BrokerCounters.Parse("{1234567,2469134}\n"));
    }

    [Fact]
    public void Should_refuse_anything_else()
    {
        Assert.Throws<FormatException>(() => BrokerCounters.Parse("Error: unable to perform an operation on node"));
    }
}

public sealed class When_a_window_of_load_is_priced
{
    private static CostReading Reading(double machineMs, params (int Pid, string Name, double Ms)[] processes) =>
        new(machineMs, processes.ToDictionary(p => p.Pid, p => (p.Name, p.Ms)));

    private static readonly CostWindow Window = CostWindow.Between(
        Reading(10_000, (1, "orchestrator", 500), (2, "rabbitmq", 300), (10, "postgresql", 100), (11, "postgresql", 50), (12, "postgresql", 70), (14, "worker-1", 40)),
        Reading(30_000, (1, "orchestrator", 6_500), (2, "rabbitmq", 3_300), (10, "postgresql", 1_100), (11, "postgresql", 1_050), (13, "postgresql", 900), (14, "worker-1", 41)),
        new BrokerReading(1_000, 2_000, AtMs: 61_500),
        new BrokerReading(13_000, 25_000, AtMs: 124_000));

    [Fact]
    public void Should_sum_the_processes_of_one_name_and_count_a_process_started_in_the_window_from_its_start()
    {
        // postgresql: 1,000 + 1,000 from the two that lasted, 900 from the new backend; the one that ended is not counted.
        Assert.Equal([("orchestrator", 6_000.0), ("rabbitmq", 3_000.0), ("postgresql", 2_900.0), ("worker-1", 1.0)], Window.Processes);
        Assert.Equal(20_000, Window.MachineMs);
        Assert.Equal(new BrokerWindow(12_000, 23_000, 61_500, 124_000), Window.Messages);
    }

    [Fact]
    public void Should_price_one_run_in_cpu_and_the_messages_in_the_window_of_their_own_counters()
    {
        var figures = new Dictionary<string, double>();

        // 1,000 runs finished in the CPU window, 1,150 in the slightly longer window of the broker's counters.
        Window.AddFigures(figures, 1_000, "run", unitsInMessageWindow: 1_150);

        Assert.Equal(20, figures["cpu_ms_per_run"]);
        Assert.Equal(12_000 / 1_150.0, figures["published_per_run"]);
        Assert.Equal(20, figures["delivered_per_run"]);
        Assert.Equal(Environment.ProcessorCount, figures["cores"]);
        // worker-1 sat idle (0.001 ms per run): left out.
        Assert.Equal("orchestrator 6.00, rabbitmq 3.00, postgresql 2.90, other 8.10 ms", Window.Describe(1_000));
    }

    [Fact]
    public void Should_leave_the_messages_unpriced_without_the_broker_counters()
    {
        var window = CostWindow.Between(Reading(0, (1, "load tool", 0)), Reading(900, (1, "load tool", 800)));
        var figures = new Dictionary<string, double>();

        window.AddFigures(figures, 100, "run");

        Assert.Equal(9, figures["cpu_ms_per_run"]);
        Assert.True(double.IsNaN(figures["delivered_per_run"]));
        Assert.Equal("nothing finished", window.Describe(0));
    }
}

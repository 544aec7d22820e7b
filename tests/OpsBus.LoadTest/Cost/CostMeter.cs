using System.Diagnostics;
using System.Globalization;

namespace OpsBus.LoadTest.Cost;

/// <summary>
/// What a stretch of load cost the machine: its busy CPU time, each watched process's share of it (every
/// <c>NAME.pid</c> in <c>--pids DIR</c>, PostgreSQL's processes together, and this load tool), and the messages the
/// broker took in and delivered when <c>--rabbitmq-env</c> is given. Divided by the runs finished in the window,
/// that is the price of one run on this machine.
/// </summary>
internal sealed class CostMeter(string? pidsDirectory, BrokerCounters? broker)
{
    public const string PostgreSqlName = "postgresql";
    public const string LoadToolName = "load tool";

    public static CostMeter From(Arguments args) =>
        new(args.Find("pids"), args.Find("rabbitmq-env") is { } environment ? new BrokerCounters(environment) : null);

    /// <summary>
    /// CPU times read at <paramref name="from"/> and at <paramref name="to"/> from now: the window a sustained
    /// throughput counts. The broker's counters are read beside them, but a reading boots an Erlang VM and takes
    /// seconds on a busy machine, so the counters get a window of their own (<see cref="BrokerWindow"/>), in the
    /// caller's clock (<paramref name="nowMs"/>) at which each reading came back.
    /// </summary>
    public async Task<CostWindow> MeasureAsync(TimeSpan from, TimeSpan to, Func<double> nowMs)
    {
        var clock = Stopwatch.StartNew();
        await Task.Delay(from);
        var brokerAtStart = ReadBrokerAsync(nowMs);
        var start = ReadCpu();
        var left = to - clock.Elapsed;
        if (left > TimeSpan.Zero)
            await Task.Delay(left);
        var end = ReadCpu();
        var brokerAtStartRead = await brokerAtStart;
        var brokerAtEnd = await ReadBrokerAsync(nowMs);
        return CostWindow.Between(start, end, brokerAtStartRead, brokerAtEnd);
    }

    /// <summary>CPU times only, now: for a caller that counts its own units of work between two readings.</summary>
    public CostReading ReadCpu()
    {
        var processes = new Dictionary<int, (string Name, double Ms)>();
        foreach (var (name, pid) in Watched())
        {
            if (CpuTimes.ProcessMs(pid) is { } ms)
                processes[pid] = (name, ms);
        }
        return new CostReading(CpuTimes.MachineBusyMs(), processes);
    }

    private async Task<BrokerReading?> ReadBrokerAsync(Func<double> nowMs)
    {
        if (broker is null)
            return null;
        var (published, delivered) = await broker.ReadAsync();
        return new BrokerReading(published, delivered, nowMs());
    }

    private IEnumerable<(string Name, int Pid)> Watched()
    {
        foreach (var process in pidsDirectory is null ? [] : PidFiles.In(pidsDirectory))
            yield return process;
        foreach (var pid in CpuTimes.ProcessesNamed("postgres"))
            yield return (PostgreSqlName, pid);
        yield return (LoadToolName, Environment.ProcessId);
    }
}

/// <param name="Processes">CPU time so far of each watched process, by pid.</param>
internal sealed record CostReading(double MachineMs, IReadOnlyDictionary<int, (string Name, double Ms)> Processes);

/// <summary>The broker's counters so far, and when (in the caller's clock) the reading came back.</summary>
internal sealed record BrokerReading(long Published, long Delivered, double AtMs);

/// <summary>Messages published to the broker and delivered by it between two readings, and when those were.</summary>
internal sealed record BrokerWindow(long Published, long Delivered, double FromMs, double ToMs)
{
    /// <summary>The runs seen finished within this window: what its messages are divided by.</summary>
    public int RunsDoneIn(IEnumerable<RunTimeline> runs) => runs.Count(r => r.DoneSeenAtMs is { } at && at >= FromMs && at <= ToMs);
}

/// <param name="MachineMs">Busy CPU time of the whole machine over the window, every core together.</param>
/// <param name="Processes">Each watched name's CPU time over the window (processes of one name summed), largest first.</param>
/// <param name="Messages">The broker's counters over their own window, when they were read.</param>
internal sealed record CostWindow(double MachineMs, IReadOnlyList<(string Name, double Ms)> Processes, BrokerWindow? Messages)
{
    /// <summary>Below this per unit, a process is left out of <see cref="Describe"/>: it sat idle.</summary>
    private const double Negligible = 0.005;

    public static CostWindow Between(CostReading start, CostReading end, BrokerReading? brokerAtStart = null, BrokerReading? brokerAtEnd = null)
    {
        var byName = new Dictionary<string, double>();
        foreach (var (pid, (name, ms)) in end.Processes)
        {
            // A process started within the window (a new database backend) counts from its start.
            var before = start.Processes.TryGetValue(pid, out var earlier) && earlier.Name == name ? earlier.Ms : 0;
            byName[name] = byName.GetValueOrDefault(name) + Math.Max(0, ms - before);
        }
        return new CostWindow(
            end.MachineMs - start.MachineMs,
            byName.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)).ToList(),
            brokerAtStart is { } a && brokerAtEnd is { } b ? new BrokerWindow(b.Published - a.Published, b.Delivered - a.Delivered, a.AtMs, b.AtMs) : null);
    }

    /// <summary>
    /// The figures per unit of work (<c>run</c>, <c>delivery</c>), for a <see cref="BenchResult"/>: <c>cpu_ms_per_UNIT</c>,
    /// and the <c>cores</c> that CPU time was shared by; with the broker's counters, <c>published_per_UNIT</c> and
    /// <c>delivered_per_UNIT</c> over <paramref name="unitsInMessageWindow"/>, the units finished in <see cref="Messages"/>' window.
    /// </summary>
    public void AddFigures(IDictionary<string, double> figures, double units, string unit, double? unitsInMessageWindow = null)
    {
        figures["cores"] = Environment.ProcessorCount;
        figures["cpu_ms_per_" + unit] = units > 0 ? MachineMs / units : double.NaN;
        var messageUnits = unitsInMessageWindow ?? units;
        figures["published_per_" + unit] = Messages is { } m && messageUnits > 0 ? m.Published / messageUnits : double.NaN;
        figures["delivered_per_" + unit] = Messages is { } d && messageUnits > 0 ? d.Delivered / messageUnits : double.NaN;
    }

    /// <summary>"orchestrator 5.10, rabbitmq 3.30, …, other 0.40 ms": each busy process's CPU per unit, and what no watched process accounts for.</summary>
    public string Describe(double units)
    {
        if (units <= 0)
            return "nothing finished";
        var parts = Processes.Where(p => p.Ms / units >= Negligible)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name} {p.Ms / units:0.00}")).ToList();
        var other = MachineMs - Processes.Sum(p => p.Ms);
        parts.Add(string.Create(CultureInfo.InvariantCulture, $"other {Math.Max(0, other) / units:0.00} ms"));
        return string.Join(", ", parts);
    }
}

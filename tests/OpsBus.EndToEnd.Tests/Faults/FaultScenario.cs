using System.Collections.Concurrent;
using System.Globalization;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Runs;
using OpsBus.Testing;
using Xunit.Abstractions;

namespace OpsBus.EndToEnd.Tests.Faults;

/// <summary>When the fault struck, and which processes it killed when.</summary>
internal sealed class FaultTimeline
{
    private readonly ConcurrentDictionary<string, DateTime> _killed = new();

    public DateTime FaultAt { get; private set; }

    public IReadOnlyDictionary<string, DateTime> Killed => _killed;

    public void Strike() => FaultAt = DateTime.UtcNow;

    /// <summary>kill -9 of <paramref name="process"/>, its time noted: its open attempts end there.</summary>
    public void Kill(ServiceProcess process)
    {
        process.KillHard();
        // Noted once the process is gone: nothing it journals can be later. A time taken before the kill could be earlier
        // than the last attempt it started while the signal was on its way, which would then count as never ending.
        if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            throw new TimeoutException($"{process.Name} still running 10 s after it was killed");
        _killed[process.Name] = DateTime.UtcNow;
    }
}

/// <summary>A scenario's outcome, for checks of its own on top of the common ones.</summary>
internal sealed record FaultResult(IReadOnlyList<AcceptedRun> Accepted, IReadOnlyList<RunState> Runs, IReadOnlyList<Execution> Executions, FaultTimeline Timeline);

/// <summary>
/// One fault under load: the steady mixed load for the scenario's duration, the fault injected part-way (once clients
/// can read log lines, which are noted first), then every accepted run followed to its end and the invariants checked:
/// all terminal with the expected outcome, no plan executed twice at once, no superseded attempt's result accepted, no
/// log line lost and every succeeded run's log complete. The figures are reported whether or not they hold.
/// </summary>
internal sealed class FaultScenario(string fault, DistributedCluster cluster, FaultLoad load, ITestOutputHelper output)
{
    private static readonly TimeSpan TerminalDeadline = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan FirstLinesDeadline = TimeSpan.FromSeconds(60);

    /// <summary>The load's length and when in it the fault strikes, unless <c>OPSBUS_FAULTS_DURATION</c> says otherwise (then a third in).</summary>
    public static (TimeSpan Duration, TimeSpan FaultAfter) Schedule(TimeSpan duration, TimeSpan faultAfter)
    {
        var (_, configured) = FaultLoad.Settings(0, duration);
        return configured == duration ? (duration, faultAfter) : (configured, configured / 3);
    }

    public async Task<FaultResult> RunAsync(TimeSpan duration, TimeSpan faultAfter, Func<FaultTimeline, Task> inject,
        Func<FaultResult, (IReadOnlyList<string> Violations, string Figures)>? scenarioChecks = null)
    {
        var timeline = new FaultTimeline();
        // The first query of a test process builds the model and opens the pool: not while the fault is due.
        IReadOnlySet<StoredLogLine> before = await FaultInvariants.LogLines(cluster, []);
        var loadStarted = DateTime.UtcNow;
        await load.RunAsync(duration, (faultAfter, async () =>
        {
            // Clients must have lines to lose: on a busy machine the first ones may take a moment to be stored.
            before = await Eventually.Get(async () =>
            {
                var lines = await FaultInvariants.LogLines(cluster, load.Accepted.Select(r => r.RunId).ToList());
                return lines.Count > 0 ? lines : null;
            }, FirstLinesDeadline, "log lines readable before the fault", TimeSpan.FromMilliseconds(200));
            timeline.Strike();
            await inject(timeline);
        }));

        var accepted = load.Accepted;
        var runIds = accepted.Select(a => a.RunId).ToList();
        var runs = await FaultInvariants.UntilAllTerminal(cluster, runIds, TerminalDeadline);
        var notTerminal = FaultInvariants.AllTerminal(runIds, runs);
        var executions = FaultInvariants.Executions(cluster.Journal(), timeline.Killed);
        var result = new FaultResult(accepted, runs, executions, timeline);
        var after = await FaultInvariants.LogLines(cluster, accepted.Select(a => a.RunId).ToList());

        var doubles = FaultInvariants.NoConcurrentExecutions(executions);
        var stale = FaultInvariants.OnlyCurrentAttemptsAccepted(runs, executions);
        var lost = FaultInvariants.NoLinesLost(before, after);
        var incomplete = await FaultInvariants.SucceededRunsHaveTheirLines(cluster, runs, TimeSpan.FromSeconds(30));
        var outcomes = FaultInvariants.ExpectedOutcomes(accepted, runs);
        var recovery = FaultInvariants.Recovery(accepted, runs, executions, timeline.FaultAt);
        var (ownViolations, ownFigures) = scenarioChecks?.Invoke(result) ?? ([], "");

        FaultReport.Write(output, string.Join(' ', new[]
        {
            $"fault={fault}",
            $"rate={load.Rate.ToString(CultureInfo.InvariantCulture)}/s",
            $"duration_s={duration.TotalSeconds:0}",
            $"fault_at_s={(timeline.FaultAt - loadStarted).TotalSeconds:0.0}",
            $"runs={accepted.Count}",
            $"refused={load.Refused}",
            $"terminal={runs.Count(r => RunStatuses.IsTerminal(r.Status))}",
            $"succeeded={runs.Count(r => r.Status == RunStatuses.Succeeded)}",
            $"failed={runs.Count(r => r.Status == RunStatuses.Failed)}",
            $"unexpected={outcomes.Count}",
            $"doubles={doubles.Count}",
            $"stale={stale.Count}",
            $"lines_before={before.Count}",
            $"lines_lost={lost.Count}",
            $"incomplete_logs={incomplete.Count}",
            $"recovery_ms={(recovery is { } r ? ((long)r.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) : "none")}",
            ownFigures,
        }.Where(part => part.Length > 0)));

        var violations = notTerminal.Concat(doubles).Concat(stale).Concat(lost).Concat(incomplete).Concat(outcomes).Concat(ownViolations).ToList();
        Assert.True(violations.Count == 0, $"{fault}: {violations.Count} violations\n{string.Join('\n', violations.Take(40))}\n{cluster.Diagnostics()}");
        Assert.True(accepted.Count > 0, $"{fault}: no run was accepted");
        Assert.True(recovery is not null, $"{fault}: no run requested after the fault succeeded");
        return result;
    }
}

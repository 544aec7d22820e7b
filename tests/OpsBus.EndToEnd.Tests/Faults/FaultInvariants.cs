using Microsoft.EntityFrameworkCore;
using Npgsql;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Runs;
using OpsBus.Testing;

namespace OpsBus.EndToEnd.Tests.Faults;

/// <summary>A log line as clients read it (<c>GET /api/runs/{id}/events</c> serves these rows).</summary>
internal sealed record StoredLogLine(Guid RunId, int Attempt, long Seq, string Message);

/// <summary>One attempt executing on one worker, from its journal; a killed worker's open attempt ends when it was killed.</summary>
internal sealed record Execution(Guid RunId, int Attempt, string WorkerId, DateTime StartedAt, DateTime? FinishedAt, string? Outcome);

/// <summary>
/// What must hold after any fault. Each returns the violations it found (empty when it holds), so a scenario reports all
/// of them at once. The journals are the workers' own evidence, independent of what the orchestrator recorded.
/// </summary>
internal static class FaultInvariants
{
    /// <summary>Waits (until the deadline) for every run to be in a terminal state; returns the runs as stored then.</summary>
    public static async Task<IReadOnlyList<RunState>> UntilAllTerminal(DistributedCluster cluster, IReadOnlyCollection<Guid> runIds, TimeSpan deadline)
    {
        IReadOnlyList<RunState> runs = [];
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            runs = await ReadRuns(cluster, runIds) ?? runs;
            if ((runs.Count == runIds.Count && runs.All(r => RunStatuses.IsTerminal(r.Status))) || DateTime.UtcNow > until)
                return runs;
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    /// <summary>Every accepted run reached a terminal state.</summary>
    public static IReadOnlyList<string> AllTerminal(IReadOnlyCollection<Guid> runIds, IReadOnlyList<RunState> runs)
    {
        var stored = runs.Select(r => r.CorrelationId).ToHashSet();
        return runs.Where(r => !RunStatuses.IsTerminal(r.Status))
            .Select(r => $"run {r.CorrelationId} not terminal: {r.Status} attempt {r.Attempt} on {r.ClaimedBy}")
            .Concat(runIds.Where(id => !stored.Contains(id)).Select(id => $"run {id} accepted but never stored"))
            .ToList();
    }

    /// <summary>Quick and sleeping runs succeed; failing ones fail once their attempts are spent.</summary>
    public static IReadOnlyList<string> ExpectedOutcomes(IReadOnlyList<AcceptedRun> accepted, IReadOnlyList<RunState> runs)
    {
        var byId = runs.ToDictionary(r => r.CorrelationId);
        return accepted
            .Where(a => byId.TryGetValue(a.RunId, out var run) && RunStatuses.IsTerminal(run.Status))
            .Select(a => (a, run: byId[a.RunId], expected: a.Kind == LoadRunKind.Failing ? RunStatuses.Failed : RunStatuses.Succeeded))
            .Where(x => x.run.Status != x.expected)
            .Select(x => $"{x.a.Kind} run {x.a.RunId} ended {x.run.Status} on attempt {x.run.Attempt}, expected {x.expected}: {x.run.Error}")
            .ToList();
    }

    /// <summary>Every attempt that started, with its end: finished, or the moment its worker was killed, else still open.</summary>
    public static IReadOnlyList<Execution> Executions(IReadOnlyList<JournalEntry> journal, IReadOnlyDictionary<string, DateTime> killed) =>
        journal.Where(e => e.Event == "started")
            .Select(s =>
            {
                var finished = journal.FirstOrDefault(e => e.Event == "finished" && e.RunId == s.RunId && e.Attempt == s.Attempt && e.WorkerId == s.WorkerId);
                var end = finished?.At ?? (killed.TryGetValue(s.WorkerId, out var at) && at >= s.At ? at : null as DateTime?);
                return new Execution(s.RunId, s.Attempt, s.WorkerId, s.At, end, finished?.Outcome);
            })
            .ToList();

    /// <summary>No two executions of one run's plan overlap in time (an open one overlaps everything after it).</summary>
    public static IReadOnlyList<string> NoConcurrentExecutions(IReadOnlyList<Execution> executions) =>
        executions.GroupBy(e => e.RunId)
            .SelectMany(run =>
            {
                var ordered = run.OrderBy(e => e.StartedAt).ToList();
                return ordered.Zip(ordered.Skip(1))
                    .Where(pair => pair.First.FinishedAt is not { } end || pair.Second.StartedAt < end)
                    .Select(pair => $"run {run.Key}: attempt {pair.Second.Attempt} on {pair.Second.WorkerId} started at {pair.Second.StartedAt:HH:mm:ss.fff} "
                        + $"while attempt {pair.First.Attempt} on {pair.First.WorkerId} ran ({pair.First.StartedAt:HH:mm:ss.fff}–{pair.First.FinishedAt:HH:mm:ss.fff})");
            })
            .ToList();

    /// <summary>
    /// Fencing by attempt number: a run's outcome is its last attempt's. No attempt ran past the one the run ended on,
    /// and a succeeded run's last attempt is one that finished succeeded on a worker (not a superseded attempt's result).
    /// </summary>
    public static IReadOnlyList<string> OnlyCurrentAttemptsAccepted(IReadOnlyList<RunState> runs, IReadOnlyList<Execution> executions)
    {
        var byRun = executions.ToLookup(e => e.RunId);
        var violations = new List<string>();
        foreach (var run in runs)
        {
            var ran = byRun[run.CorrelationId].ToList();
            if (ran.Count > 0 && ran.Max(e => e.Attempt) > run.Attempt)
                violations.Add($"run {run.CorrelationId} ended {run.Status} on attempt {run.Attempt} but attempt {ran.Max(e => e.Attempt)} ran");
            if (run.Status == RunStatuses.Succeeded && !ran.Any(e => e.Attempt == run.Attempt && e.Outcome == "succeeded"))
                violations.Add($"run {run.CorrelationId} succeeded on attempt {run.Attempt}, which no worker finished succeeded ("
                    + string.Join(", ", ran.Select(e => $"{e.Attempt}@{e.WorkerId}:{e.Outcome ?? "open"}")) + ")");
        }
        return violations;
    }

    /// <summary>The log lines stored for these runs now.</summary>
    public static async Task<IReadOnlySet<StoredLogLine>> LogLines(DistributedCluster cluster, IReadOnlyCollection<Guid> runIds)
    {
        await using var db = cluster.Database();
        var ids = runIds.ToList();
        var lines = await db.RunLogLines.AsNoTracking().Where(l => ids.Contains(l.RunId))
            .Select(l => new StoredLogLine(l.RunId, l.Attempt, l.Seq, l.Message)).ToListAsync();
        return lines.ToHashSet();
    }

    /// <summary>Lines a client could read before the fault and cannot any more.</summary>
    public static IReadOnlyList<string> NoLinesLost(IReadOnlySet<StoredLogLine> before, IReadOnlySet<StoredLogLine> after) =>
        before.Where(line => !after.Contains(line))
            .Select(line => $"run {line.RunId} lost line {line.Seq} of attempt {line.Attempt}: {line.Message}")
            .ToList();

    /// <summary>Waits until every succeeded run has its log, to its last line ("attempt succeeded" of its last attempt).</summary>
    public static async Task<IReadOnlyList<string>> SucceededRunsHaveTheirLines(DistributedCluster cluster, IReadOnlyList<RunState> runs, TimeSpan deadline)
    {
        var succeeded = runs.Where(r => r.Status == RunStatuses.Succeeded).ToDictionary(r => r.CorrelationId, r => r.Attempt);
        IReadOnlyList<Guid> missing = [];
        try
        {
            await Eventually.True(async () =>
            {
                var lines = await LogLines(cluster, succeeded.Keys);
                var complete = lines.Where(l => l.Message == "attempt succeeded").Select(l => (l.RunId, l.Attempt)).ToHashSet();
                missing = succeeded.Where(run => !complete.Contains((run.Key, run.Value))).Select(run => run.Key).ToList();
                return missing.Count == 0;
            }, deadline, "every succeeded run's log complete", TimeSpan.FromMilliseconds(500));
        }
        catch (TimeoutException)
        {
        }
        return missing.Select(id => $"succeeded run {id} has no 'attempt succeeded' line for its last attempt").ToList();
    }

    /// <summary>The fault until a run requested after it succeeded on a worker: when the system accepted and completed work again.</summary>
    public static TimeSpan? Recovery(IReadOnlyList<AcceptedRun> accepted, IReadOnlyList<RunState> runs, IReadOnlyList<Execution> executions, DateTime faultAt)
    {
        var succeeded = runs.Where(r => r.Status == RunStatuses.Succeeded).Select(r => r.CorrelationId).ToHashSet();
        var after = accepted.Where(a => a.AcceptedAt >= faultAt && succeeded.Contains(a.RunId)).Select(a => a.RunId).ToHashSet();
        var finished = executions.Where(e => after.Contains(e.RunId) && e.Outcome == "succeeded" && e.FinishedAt is not null)
            .Select(e => e.FinishedAt!.Value).ToList();
        return finished.Count == 0 ? null : finished.Min() - faultAt;
    }

    private static async Task<IReadOnlyList<RunState>?> ReadRuns(DistributedCluster cluster, IReadOnlyCollection<Guid> runIds)
    {
        try
        {
            await using var db = cluster.Database();
            var ids = runIds.ToList();
            return await db.Runs.AsNoTracking().Where(r => ids.Contains(r.CorrelationId)).ToListAsync();
        }
        catch (NpgsqlException)
        {
            return null;
        }
    }
}

using Microsoft.Extensions.Options;
using OpsBus.Contracts;

namespace OpsBus.Notifier.Runs;

/// <summary>
/// Puts each run's status changes back in the order the orchestrator published them (<see cref="RunStatusChanged.Sequence"/>):
/// the bus does not promise it once events travel different channels or are received concurrently. A change that comes
/// early is held until the ones before it arrive, or for <see cref="NotifierOptions.ReorderWindow"/> at most; one that
/// comes after a later one was already released is stale and dropped. Bounded like <see cref="RunCache"/>.
/// </summary>
public sealed class StatusOrder(IOptions<NotifierOptions> options)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, RunOrder> _runs = [];
    private readonly Queue<Guid> _arrival = [];

    /// <summary>What may be pushed now, in order (possibly nothing); <paramref name="held"/> when this change waits for earlier ones.</summary>
    public IReadOnlyList<RunStatusChanged> Accept(RunStatusChanged change, out bool held)
    {
        held = false;
        if (change.Sequence <= 0)
            return [change];
        lock (_lock)
        {
            var run = Find(change.RunId);
            if (change.Sequence <= run.Released || run.Held.ContainsKey(change.Sequence))
                return [];
            if (change.Sequence > run.Released + 1)
            {
                run.Held[change.Sequence] = change;
                held = true;
                return [];
            }

            var ready = new List<RunStatusChanged> { change };
            run.Released = change.Sequence;
            while (run.Held.Remove(run.Released + 1, out var next))
            {
                ready.Add(next);
                run.Released++;
            }
            return ready;
        }
    }

    /// <summary>The window is over: everything held for the run goes out in order, gaps and all.</summary>
    public IReadOnlyList<RunStatusChanged> Release(Guid runId)
    {
        lock (_lock)
        {
            if (!_runs.TryGetValue(runId, out var run) || run.Held.Count == 0)
                return [];
            var ready = run.Held.Values.ToList();
            run.Released = run.Held.Keys.Max();
            run.Held.Clear();
            return ready;
        }
    }

    public TimeSpan Window => options.Value.ReorderWindow;

    private RunOrder Find(Guid runId)
    {
        if (_runs.TryGetValue(runId, out var run))
            return run;
        _runs[runId] = run = new RunOrder();
        _arrival.Enqueue(runId);
        while (_runs.Count > options.Value.RunCacheCapacity && _arrival.TryDequeue(out var oldest))
            _runs.Remove(oldest);
        return run;
    }

    private sealed class RunOrder
    {
        public int Released { get; set; }

        public SortedDictionary<int, RunStatusChanged> Held { get; } = [];
    }
}

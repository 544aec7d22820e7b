using System.Collections.Concurrent;

namespace OpsBus.LaneWorker.Execution;

/// <summary>
/// The attempts this worker is executing. Cancellations find their run here; one that arrives before its run
/// started here is remembered for a while, so a cancel racing a claim still wins.
/// </summary>
public sealed class ActiveRuns(TimeProvider clock)
{
    private static readonly TimeSpan RememberCancelsFor = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<(Guid RunId, int Attempt), RunExecution> _running = new();
    private readonly ConcurrentDictionary<(Guid RunId, int Attempt), DateTimeOffset> _earlyCancels = new();
    private readonly Lock _cancels = new();
    private volatile bool _stopping;

    /// <summary>True once the worker began to shut down: no new claims.</summary>
    public bool IsStopping => _stopping;

    public int Count => _running.Count;

    public bool IsRunning(Guid runId) => _running.Keys.Any(k => k.RunId == runId);

    /// <summary>Starts tracking an attempt whose claim, sent at <paramref name="claimSentAt"/>, was accepted.</summary>
    public RunExecution? Begin(Guid runId, int attempt, DateTime claimSentAt)
    {
        var execution = new RunExecution(runId, attempt);
        execution.Renew(claimSentAt);
        lock (_cancels)
        {
            if (!_running.TryAdd((runId, attempt), execution))
            {
                execution.Dispose();
                return null;
            }
            if (_earlyCancels.TryRemove((runId, attempt), out _))
                execution.Cancel();
        }
        if (_stopping)
            execution.Release();
        return execution;
    }

    public void End(RunExecution execution)
    {
        _running.TryRemove((execution.RunId, execution.Attempt), out _);
        execution.Dispose();
    }

    /// <summary>
    /// Cancels the attempt if it runs here: true, also when it was cancelled already (the request is acknowledged again).
    /// Else remembers the request, for the attempt's claim may still be on its way.
    /// </summary>
    public bool RequestCancel(Guid runId, int attempt)
    {
        var now = clock.GetUtcNow();
        lock (_cancels)
        {
            // Under the lock that Begin takes too: an attempt beginning now either is found here or finds the request.
            if (_running.TryGetValue((runId, attempt), out var execution))
                return execution.Cancel() || execution.Reason == StopReason.Cancelled;
            _earlyCancels[(runId, attempt)] = now;
        }
        foreach (var (key, at) in _earlyCancels)
        {
            if (now - at > RememberCancelsFor)
                _earlyCancels.TryRemove(key, out _);
        }
        return false;
    }

    /// <summary>Stops taking work and hands every running attempt back.</summary>
    public void ReleaseAll()
    {
        _stopping = true;
        foreach (var execution in _running.Values)
            execution.Release();
    }
}

namespace OpsBus.LaneWorker.Execution;

/// <summary>
/// One attempt of a run executing on this worker, why it was told to stop, if it was, and its lease: the send time of
/// the newest claim or heartbeat the broker confirmed. The orchestrator times an attempt out from a moment no earlier
/// than that, so a worker that stops once its lease is older than the timeout (less a margin) has stopped before the
/// next attempt can be dispatched.
/// </summary>
public sealed class RunExecution(Guid runId, int attempt) : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _fence = new();
    private int _reason;
    private long _leaseFromTicks;

    public Guid RunId { get; } = runId;

    public int Attempt { get; } = attempt;

    /// <summary>Signalled on any stop: a cancel, a release or a lost lease.</summary>
    public CancellationToken Stopping => _stop.Token;

    /// <summary>Signalled only when the lease is lost: what even a cancel lets finish (summarize) stops then.</summary>
    public CancellationToken Fenced => _fence.Token;

    public StopReason Reason => (StopReason)Volatile.Read(ref _reason);

    /// <summary>The send time of the newest claim or heartbeat the broker confirmed.</summary>
    public DateTime LeaseFrom => new(Interlocked.Read(ref _leaseFromTicks), DateTimeKind.Utc);

    /// <summary>
    /// The lease for an attempt the orchestrator times out after <paramref name="timeout"/>: the timeout less a fifth of
    /// it (at least 1 s) for the stop to take effect. None when the timeout is unknown (an older orchestrator) or leaves
    /// no room for two heartbeats.
    /// </summary>
    public static TimeSpan? LeaseFor(TimeSpan timeout, TimeSpan interval)
    {
        if (timeout <= TimeSpan.Zero)
            return null;
        var lease = timeout - TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, timeout.Ticks / 5));
        return lease >= interval * 2 ? lease : null;
    }

    /// <summary>The orchestrator asked to cancel the run.</summary>
    public bool Cancel() => Stop(StopReason.Cancelled);

    /// <summary>This worker is shutting down and hands the attempt back.</summary>
    public bool Release() => Stop(StopReason.Released);

    /// <summary>A claim or heartbeat sent at <paramref name="sentAt"/> was confirmed by the broker.</summary>
    public void Renew(DateTime sentAt)
    {
        var ticks = sentAt.ToUniversalTime().Ticks;
        var current = Interlocked.Read(ref _leaseFromTicks);
        while (ticks > current)
        {
            var seen = Interlocked.CompareExchange(ref _leaseFromTicks, ticks, current);
            if (seen == current)
                return;
            current = seen;
        }
    }

    /// <summary>
    /// Stops the attempt for good when nothing was confirmed for longer than <paramref name="lease"/>: the orchestrator
    /// may be about to give the run to another worker. True when this call stopped it.
    /// </summary>
    public bool ExpireLease(TimeSpan lease, DateTime now)
    {
        if (now - LeaseFrom <= lease || Interlocked.Exchange(ref _reason, (int)StopReason.LeaseLost) == (int)StopReason.LeaseLost)
            return false;
        _stop.Cancel();
        _fence.Cancel();
        return true;
    }

    private bool Stop(StopReason reason)
    {
        if (Interlocked.CompareExchange(ref _reason, (int)reason, (int)StopReason.None) != (int)StopReason.None)
            return false;
        _stop.Cancel();
        return true;
    }

    public void Dispose()
    {
        _stop.Dispose();
        _fence.Dispose();
    }
}

public enum StopReason
{
    None,
    Cancelled,
    Released,

    /// <summary>No heartbeat was confirmed within the lease: another worker may get the run, this one must not go on.</summary>
    LeaseLost,
}

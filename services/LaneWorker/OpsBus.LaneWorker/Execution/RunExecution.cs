namespace OpsBus.LaneWorker.Execution;

/// <summary>One attempt of a run executing on this worker, and why it was told to stop, if it was.</summary>
public sealed class RunExecution(Guid runId, int attempt) : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private int _reason;

    public Guid RunId { get; } = runId;

    public int Attempt { get; } = attempt;

    public CancellationToken Stopping => _stop.Token;

    public StopReason Reason => (StopReason)Volatile.Read(ref _reason);

    /// <summary>The orchestrator asked to cancel the run.</summary>
    public bool Cancel() => Stop(StopReason.Cancelled);

    /// <summary>This worker is shutting down and hands the attempt back.</summary>
    public bool Release() => Stop(StopReason.Released);

    private bool Stop(StopReason reason)
    {
        if (Interlocked.CompareExchange(ref _reason, (int)reason, (int)StopReason.None) != (int)StopReason.None)
            return false;
        _stop.Cancel();
        return true;
    }

    public void Dispose() => _stop.Dispose();
}

public enum StopReason
{
    None,
    Cancelled,
    Released,
}

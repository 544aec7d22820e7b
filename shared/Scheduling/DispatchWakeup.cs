namespace OpsBus.Scheduling;

/// <summary>
/// Cuts the dispatcher's sleep short when this process stores a message due before the planned wake-up, so a message
/// fires at its deadline rather than at the next poll.
/// </summary>
internal sealed class DispatchWakeup
{
    readonly SemaphoreSlim _signal = new(0, 1);

    // long.MaxValue while a round runs: that round may have read the table before the new row was committed.
    long _plannedWakeTicks = long.MaxValue;

    public void Notify(DateTime dueAt)
    {
        if (dueAt.Ticks >= Interlocked.Read(ref _plannedWakeTicks))
            return;

        lock (_signal)
        {
            if (_signal.CurrentCount == 0)
                _signal.Release();
        }
    }

    public void BeginRound() => Interlocked.Exchange(ref _plannedWakeTicks, long.MaxValue);

    public async Task SleepUntil(DateTime wakeAt, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _plannedWakeTicks, wakeAt.Ticks);

        var delay = wakeAt - DateTime.UtcNow;
        if (delay > TimeSpan.Zero)
            await _signal.WaitAsync(delay, cancellationToken);
    }
}

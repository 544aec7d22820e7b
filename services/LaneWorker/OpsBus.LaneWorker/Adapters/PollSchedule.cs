namespace OpsBus.LaneWorker.Adapters;

/// <summary>How an action waits for a vendor to finish something: ask, wait an interval, ask again, until a deadline.</summary>
internal sealed class PollSchedule(TimeProvider clock, TimeSpan interval, TimeSpan timeout)
{
    private readonly long _started = clock.GetTimestamp();

    public TimeSpan Timeout { get; } = timeout;

    public bool Expired => clock.GetElapsedTime(_started) >= Timeout;

    public Task WaitAsync(CancellationToken cancellationToken) => Task.Delay(interval, clock, cancellationToken);
}

namespace OpsBus.Testing;

/// <summary>Real time plus an offset a test can jump forward, in step with a fast-forwarded message scheduler.</summary>
public sealed class AdjustableClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan duration) => Interlocked.Add(ref _offsetTicks, duration.Ticks);
}

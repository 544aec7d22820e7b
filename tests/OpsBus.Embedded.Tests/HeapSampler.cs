namespace OpsBus.Embedded.Tests;

/// <summary>
/// Samples the managed heap (after a full collection, so only what is still reachable counts) every
/// <paramref name="interval"/> until disposed, and keeps the highest sample.
/// </summary>
internal sealed class HeapSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peak;

    private HeapSampler(TimeSpan interval)
    {
        _peak = GC.GetTotalMemory(forceFullCollection: true);
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(interval);
            while (await Wait(timer))
                Sample();
        });
    }

    /// <summary>The heap right now, after a full collection.</summary>
    public static long Now() => GC.GetTotalMemory(forceFullCollection: true);

    public static HeapSampler Start(TimeSpan interval) => new(interval);

    /// <summary>The highest heap seen so far, in bytes.</summary>
    public long Peak => Interlocked.Read(ref _peak);

    public int Samples { get; private set; }

    /// <summary>Takes a last sample and stops; the <see cref="Peak"/> stays readable.</summary>
    public async Task StopAsync()
    {
        if (_stop.IsCancellationRequested)
            return;
        await _stop.CancelAsync();
        await _loop;
        Sample();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private void Sample()
    {
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        Samples++;
        long peak;
        do
            peak = Interlocked.Read(ref _peak);
        while (heap > peak && Interlocked.CompareExchange(ref _peak, heap, peak) != peak);
    }

    private async Task<bool> Wait(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

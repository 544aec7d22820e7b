namespace OpsBus.LoadTest;

/// <summary>Samples one process's resident memory every <c>interval</c> until stopped: first, last and highest VmRSS.</summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private double _peakMb;

    public MemorySampler(int pid, TimeSpan interval)
    {
        _pid = pid;
        First = ProcessMemory.Read(pid);
        _peakMb = First?.RssMb ?? 0;
        _sampling = SampleAsync(interval);
    }

    public ProcessMemory? First { get; }

    public double PeakRssMb => Volatile.Read(ref _peakMb);

    /// <summary>Stops sampling and returns the last sample (null once the process is gone).</summary>
    public async Task<ProcessMemory?> StopAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        var last = ProcessMemory.Read(_pid);
        if (last is { } memory)
            _peakMb = Math.Max(_peakMb, memory.RssMb);
        return last;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
            await StopAsync();
        _stop.Dispose();
    }

    private async Task SampleAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (ProcessMemory.Read(_pid) is { } memory)
                    _peakMb = Math.Max(_peakMb, memory.RssMb);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }
}

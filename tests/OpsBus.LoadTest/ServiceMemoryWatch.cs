namespace OpsBus.LoadTest;

/// <summary>The memory of one service over a load: RSS at start and end, and the highest sampled.</summary>
internal sealed record ServiceMemory(string Service, double? StartRssMb, double? EndRssMb, double PeakRssMb)
{
    public override string ToString() =>
        $"memory {Service}: start {Mb(StartRssMb)}, end {Mb(EndRssMb)}, peak {PeakRssMb:0} MB"
        + (StartRssMb is { } start && EndRssMb is { } end ? $", change {end - start:+0;-0;0} MB ({(end - start) / start:+0%;-0%;0%})" : "");

    private static string Mb(double? value) => value is { } mb ? $"{mb:0} MB" : "gone";
}

/// <summary>Samples every service whose <c>NAME.pid</c> is in a directory (written by scripts/distributed.sh) once a second.</summary>
internal sealed class ServiceMemoryWatch : IAsyncDisposable
{
    private readonly List<(string Service, MemorySampler Sampler)> _samplers;
    private IReadOnlyList<ServiceMemory>? _result;

    private ServiceMemoryWatch(List<(string, MemorySampler)> samplers) => _samplers = samplers;

    public static ServiceMemoryWatch Start(string pidDirectory) =>
        new(PidFiles.In(pidDirectory).Select(p => (p.Name, new MemorySampler(p.Pid, TimeSpan.FromSeconds(1)))).ToList());

    public async ValueTask DisposeAsync()
    {
        if (_result is null)
            await StopAsync();
    }

    public async Task<IReadOnlyList<ServiceMemory>> StopAsync()
    {
        if (_result is not null)
            return _result;
        var result = new List<ServiceMemory>();
        foreach (var (service, sampler) in _samplers)
        {
            var last = await sampler.StopAsync();
            result.Add(new ServiceMemory(service, sampler.First?.RssMb, last?.RssMb, sampler.PeakRssMb));
            await sampler.DisposeAsync();
        }
        return _result = result;
    }
}

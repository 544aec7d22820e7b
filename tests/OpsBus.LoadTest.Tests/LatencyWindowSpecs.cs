namespace OpsBus.LoadTest.Tests;

public sealed class When_a_soak_is_split_into_windows
{
    private static RunTimeline Run(double requestedAtMs, double? latencyMs) =>
        new(Guid.NewGuid(), requestedAtMs) { AcceptedAtMs = requestedAtMs + 1, DoneSeenAtMs = requestedAtMs + latencyMs };

    [Fact]
    public void Should_group_runs_by_when_they_were_requested()
    {
        var started = 1_000.0;
        var runs = new[]
        {
            Run(started + 10, 100), Run(started + 59_000, 300),
            Run(started + 60_000, 50), Run(started + 119_999, 70), Run(started + 100_000, null),
            Run(started + 180_500, 20),
        };

        var windows = LatencyWindow.Split(runs, started, TimeSpan.FromMinutes(1));

        Assert.Equal([1, 2, 4], windows.Select(w => w.Index));
        Assert.Equal([2, 3, 1], windows.Select(w => w.Requested));
        Assert.Equal([2, 2, 1], windows.Select(w => w.Done));
        Assert.Equal(300, windows[0].RequestToDone!.P99);
        Assert.Equal(70, windows[1].RequestToDone!.P99);
        Assert.Equal(TimeSpan.FromMinutes(3), windows[2].From);
    }

    [Fact]
    public void Should_print_one_line_per_window()
    {
        var window = new LatencyWindow(2, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), 6000, 5999, new Percentiles(120, 300, 480.4, 5999));

        Assert.Equal("window 2 [5 min – 10 min]: runs 6000, done 5999, request → done p50 120 ms, p99 480 ms", window.ToString());
    }

    [Fact]
    public void Should_refuse_an_empty_window()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LatencyWindow.Split([], 0, TimeSpan.Zero));
    }
}

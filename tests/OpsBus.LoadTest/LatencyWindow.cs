namespace OpsBus.LoadTest;

/// <summary>One window of a long run (a soak): the runs requested in it and their request → done latency.</summary>
internal sealed record LatencyWindow(int Index, TimeSpan From, TimeSpan To, int Requested, int Done, Percentiles? RequestToDone)
{
    /// <summary>Splits runs by when they were requested (ms since <paramref name="startedAtMs"/>) into windows of <paramref name="size"/>.</summary>
    public static IReadOnlyList<LatencyWindow> Split(IEnumerable<RunTimeline> runs, double startedAtMs, TimeSpan size)
    {
        if (size <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(size), "A window must be longer than zero.");
        return runs
            .GroupBy(r => (int)Math.Floor(Math.Max(0, r.RequestedAtMs - startedAtMs) / size.TotalMilliseconds))
            .OrderBy(g => g.Key)
            .Select(g => new LatencyWindow(
                g.Key + 1,
                size * g.Key,
                size * (g.Key + 1),
                g.Count(),
                g.Count(r => r.DoneSeenAtMs is not null),
                Percentiles.Of(g.Where(r => r.DoneSeenAtMs is not null).Select(r => r.DoneSeenAtMs!.Value - r.RequestedAtMs).ToList())))
            .ToList();
    }

    public override string ToString() =>
        $"window {Index} [{Durations.Format(From)} – {Durations.Format(To)}]: runs {Requested}, done {Done}, request → done "
        + (RequestToDone is { } p ? $"p50 {p.P50:0} ms, p99 {p.P99:0} ms" : "n/a");
}

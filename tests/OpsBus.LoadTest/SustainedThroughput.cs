namespace OpsBus.LoadTest;

/// <summary>Runs finished per second after a warm-up, counted the same way for OpsBus and for the Hangfire peer.</summary>
internal readonly record struct SustainedThroughput(double RunsPerSecond, int Done, TimeSpan Over)
{
    /// <summary>
    /// Counts runs finished between <paramref name="startedAtMs"/> + <paramref name="warmup"/> and the end of
    /// submissions (<paramref name="duration"/> after the start), or the last run finished when none is given.
    /// </summary>
    public static SustainedThroughput Of(IEnumerable<RunTimeline> runs, double startedAtMs, TimeSpan warmup, TimeSpan? duration)
    {
        var finished = runs.Where(r => r.DoneSeenAtMs is not null).Select(r => r.DoneSeenAtMs!.Value).ToList();
        var from = startedAtMs + warmup.TotalMilliseconds;
        var to = duration is { } d ? startedAtMs + d.TotalMilliseconds : finished.DefaultIfEmpty(from).Max();
        var done = finished.Count(at => at >= from && at <= to);
        var over = TimeSpan.FromMilliseconds(Math.Max(0, to - from));
        return new SustainedThroughput(over > TimeSpan.Zero ? done / over.TotalSeconds : 0, done, over);
    }
}

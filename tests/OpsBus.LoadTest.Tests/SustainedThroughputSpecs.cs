namespace OpsBus.LoadTest.Tests;

public sealed class When_sustained_throughput_is_counted
{
    [Fact]
    public void Should_count_only_runs_finished_between_the_warmup_and_the_end_of_submissions()
    {
        // One run finishes every 10 ms for 20 s; the warm-up is 5 s and submissions stop at 15 s.
        var runs = Enumerable.Range(0, 2000).Select(i => new RunTimeline(Guid.NewGuid(), 0) { DoneSeenAtMs = i * 10.0 }).ToList();

        var sustained = SustainedThroughput.Of(runs, 0, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15));

        Assert.Equal(1001, sustained.Done);
        Assert.Equal(TimeSpan.FromSeconds(10), sustained.Over);
        Assert.Equal(100.1, sustained.RunsPerSecond, 3);
    }

    [Fact]
    public void Should_run_to_the_last_finished_run_without_a_duration()
    {
        var runs = new[] { new RunTimeline(Guid.NewGuid(), 0) { DoneSeenAtMs = 500 }, new RunTimeline(Guid.NewGuid(), 0) { DoneSeenAtMs = 2_000 }, new RunTimeline(Guid.NewGuid(), 0) };

        var sustained = SustainedThroughput.Of(runs, 0, TimeSpan.Zero, null);

        Assert.Equal((1.0, 2, TimeSpan.FromSeconds(2)), (sustained.RunsPerSecond, sustained.Done, sustained.Over));
    }
}

namespace OpsBus.LoadTest.Tests;

public sealed class When_percentiles_are_taken_of_latency_samples
{
    [Fact]
    public void Should_take_the_nearest_rank_of_a_hundred_samples()
    {
        var samples = Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToList();

        var percentiles = Percentiles.Of(samples)!;

        Assert.Equal(new Percentiles(50, 95, 99, 100), percentiles);
    }

    [Fact]
    public void Should_give_the_only_sample_for_every_percentile()
    {
        Assert.Equal(new Percentiles(7, 7, 7, 1), Percentiles.Of([7]));
    }

    [Fact]
    public void Should_have_none_without_samples()
    {
        Assert.Null(Percentiles.Of([]));
        Assert.Equal("n/a", Percentiles.Describe([]));
    }
}

namespace OpsBus.LoadTest.Tests;

public sealed class When_the_load_tool_reads_its_arguments
{
    [Theory]
    [InlineData("30m", 1800)]
    [InlineData("90s", 90)]
    [InlineData("90", 90)]
    [InlineData("1.5h", 5400)]
    [InlineData("250ms", 0.25)]
    public void Should_read_durations_with_their_unit(string text, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Arguments.ParseDuration(text));
    }

    [Fact]
    public void Should_refuse_an_unknown_unit()
    {
        Assert.Throws<ArgumentException>(() => Arguments.ParseDuration("3d"));
    }

    [Fact]
    public void Should_refuse_an_option_without_a_value()
    {
        Assert.Throws<ArgumentException>(() => new Arguments(["--rate", "20", "--duration"]));
    }

    [Fact]
    public void Should_read_a_soak_from_the_command_line()
    {
        var options = LoadOptions.From(new Arguments(["--key", "k", "--duration", "30m", "--rate", "20", "--window", "5m"]));

        Assert.Equal((null, TimeSpan.FromMinutes(30), 20.0, TimeSpan.FromMinutes(5)), (options.Runs, options.Duration, options.Rate, options.Window));
        Assert.Equal("trivial runs for 30 min paced at 20 runs/s, concurrency 64, against http://127.0.0.1:5080/", options.Describe());
    }
}

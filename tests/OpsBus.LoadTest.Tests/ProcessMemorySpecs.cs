namespace OpsBus.LoadTest.Tests;

public sealed class When_memory_is_read_from_proc
{
    [Fact]
    public void Should_read_rss_and_high_water_mark_in_megabytes()
    {
        const string status = "Name:\tdotnet\nVmPeak:\t 3000000 kB\nVmHWM:\t  204800 kB\nVmRSS:\t  153600 kB\nThreads:\t20\n";

        Assert.Equal(new ProcessMemory(150, 200), ProcessMemory.Parse(status));
    }

    [Fact]
    public void Should_read_this_process()
    {
        var memory = ProcessMemory.Read(Environment.ProcessId);

        Assert.NotNull(memory);
        Assert.True(memory.Value.RssMb > 1 && memory.Value.HighWaterMb >= memory.Value.RssMb);
    }

    [Fact]
    public void Should_print_a_service_line_with_its_change()
    {
        var line = new ServiceMemory("orchestrator", 200, 230, 260).ToString();

        Assert.Equal("memory orchestrator: start 200 MB, end 230 MB, peak 260 MB, change +30 MB (+15%)", line);
    }
}

using OpsBus.Orchestrator.Runs;

namespace OpsBus.Orchestrator.Tests;

/// <summary>
/// The recovery sweep re-arms a silent run's heartbeat timeout. Each re-arm replaces the pending timeout, so re-arming at
/// every sweep (every heartbeat interval, shorter than the timeout) would put the timeout off for ever and leave the run
/// claimed by a dead worker; the throttle lets the re-armed timeout fire before the run is re-armed again.
/// </summary>
public sealed class When_the_recovery_sweep_finds_the_same_silent_run_again
{
    private static readonly DateTime Start = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(7);

    [Fact]
    public void Should_act_on_it_once_per_window_not_at_every_sweep()
    {
        var throttle = new SweepThrottle<string>();

        var acted = Enumerable.Range(0, 16)
            .Where(second => throttle.Admit([("run-1", Window)], Start.AddSeconds(second)).Count == 1)
            .ToList();

        Assert.Equal([0, 8], acted);
    }

    [Fact]
    public void Should_act_on_each_run_on_its_own_schedule()
    {
        var throttle = new SweepThrottle<string>();
        Assert.Equal(["run-1"], throttle.Admit([("run-1", Window)], Start));

        Assert.Equal(["run-2"], throttle.Admit([("run-1", Window), ("run-2", Window)], Start.AddSeconds(3)));
        Assert.Equal(["run-1"], throttle.Admit([("run-1", Window), ("run-2", Window)], Start.AddSeconds(8)));
        Assert.Equal(["run-2"], throttle.Admit([("run-1", Window), ("run-2", Window)], Start.AddSeconds(11)));
    }

    [Fact]
    public void Should_forget_a_run_that_recovered_so_a_later_silence_is_acted_on_at_once()
    {
        var throttle = new SweepThrottle<string>();
        throttle.Admit([("run-1", Window)], Start);

        Assert.Empty(throttle.Admit([], Start.AddSeconds(1)));

        Assert.Equal(["run-1"], throttle.Admit([("run-1", Window)], Start.AddSeconds(2)));
    }

    [Fact]
    public void Should_act_at_every_sweep_when_the_window_is_zero()
    {
        var throttle = new SweepThrottle<string>();
        Assert.Single(throttle.Admit([("run-1", TimeSpan.Zero)], Start));
        Assert.Single(throttle.Admit([("run-1", TimeSpan.Zero)], Start.AddSeconds(1)));
    }
}

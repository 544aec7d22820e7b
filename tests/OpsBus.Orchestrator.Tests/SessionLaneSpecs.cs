using OpsBus.Contracts;

namespace OpsBus.Orchestrator.Tests;

public sealed class When_runs_share_a_session_lane
{
    [Fact]
    public async Task Should_dispatch_one_at_a_time_by_priority_then_arrival()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync();
        var first = await orchestrator.RequestRun(sessionId: "s1", lane: "A");
        await orchestrator.WaitForDispatch(first, 1);
        var low = await orchestrator.RequestRun(sessionId: "s1", lane: "A", priority: 0);
        var high = await orchestrator.RequestRun(sessionId: "s1", lane: "A", priority: 5);
        var otherLane = await orchestrator.RequestRun(sessionId: "s1", lane: "B");
        await orchestrator.WaitForDispatch(otherLane, 1);
        await orchestrator.WaitFor(low, RunStatuses.Queued);
        await orchestrator.WaitFor(high, RunStatuses.Queued);
        await orchestrator.Harness.InactivityTask;

        Assert.Equal(0, orchestrator.DispatchCount(low));
        Assert.Equal(0, orchestrator.DispatchCount(high));

        await orchestrator.SucceedFirstAttempt(first);
        await orchestrator.WaitForDispatch(high, 1);
        Assert.Equal(0, orchestrator.DispatchCount(low));

        await orchestrator.SucceedFirstAttempt(high);
        await orchestrator.WaitForDispatch(low, 1);
    }

    [Fact]
    public async Task Should_free_the_lane_when_a_waiting_or_active_run_is_cancelled()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync();
        var active = await orchestrator.RequestRun(sessionId: "s2");
        await orchestrator.WaitForDispatch(active, 1);
        var waiting = await orchestrator.RequestRun(sessionId: "s2");
        var last = await orchestrator.RequestRun(sessionId: "s2");
        await orchestrator.WaitFor(last, RunStatuses.Queued);

        await orchestrator.Publish(new CancelRun(waiting));
        await orchestrator.WaitFor(waiting, RunStatuses.Cancelled);
        await orchestrator.Publish(new CancelRun(active));
        await orchestrator.WaitFor(active, RunStatuses.Cancelled);

        await orchestrator.WaitForDispatch(last, 1);
        Assert.Equal(0, orchestrator.DispatchCount(waiting));
    }
}

using OpsBus.Contracts;
using OpsBus.LaneWorker.Execution;
using OpsBus.Testing;

namespace OpsBus.LaneWorker.Tests;

public sealed class When_a_worker_cannot_reach_the_broker_with_its_heartbeats
{
    private const int HeartbeatTimeoutSeconds = 5;

    [Fact]
    public async Task Should_stop_the_attempt_before_the_orchestrator_could_give_it_to_another_worker()
    {
        await using var worker = await LaneWorkerHarness.StartAsync();
        var runId = await worker.Execute(new RunPlan([Steps.Sleep("wait", 60), Steps.Echo("report", RunPhases.Summarize)]), HeartbeatTimeoutSeconds);
        await worker.WaitForStep(runId, "wait");
        await Eventually.True(() => Task.FromResult(worker.Heartbeats.Confirmed > 0), TimeSpan.FromSeconds(10), "a heartbeat to be confirmed");

        worker.Heartbeats.Cut();
        var released = await worker.WaitForPublished<RunReleased>(m => m.RunId == runId, TimeSpan.FromSeconds(HeartbeatTimeoutSeconds * 2));
        var stoppedAfter = DateTime.UtcNow - worker.Heartbeats.CutAt!.Value;

        // The lease runs from the last heartbeat the broker confirmed, which was sent before the cut: stopped within
        // the timeout of the cut, so before the orchestrator (timing out from no earlier than that heartbeat) moves on.
        Assert.True(stoppedAfter < TimeSpan.FromSeconds(HeartbeatTimeoutSeconds), $"stopped {stoppedAfter.TotalMilliseconds:0} ms after the cut");
        Assert.Equal("heartbeat lease lost", released.Reason);
        Assert.Single(worker.Outcomes(runId));
        // Not even the summarize phase may run while another worker might have the run.
        Assert.DoesNotContain(worker.Published<RunStepStarted>(), m => m.RunId == runId && m.StepId == "report");
        Assert.Contains(worker.LogLines(runId), l => l.Message.StartsWith("attempt stopped: no heartbeat confirmed since", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_keep_running_past_the_timeout_while_its_heartbeats_are_confirmed()
    {
        await using var worker = await LaneWorkerHarness.StartAsync();
        var runId = await worker.Execute(new RunPlan([Steps.Sleep("wait", HeartbeatTimeoutSeconds + 1)]), HeartbeatTimeoutSeconds);

        await worker.WaitForPublished<RunSucceeded>(m => m.RunId == runId, TimeSpan.FromSeconds(HeartbeatTimeoutSeconds * 3));

        Assert.Single(worker.Outcomes(runId));
        Assert.True(worker.Heartbeats.Confirmed >= HeartbeatTimeoutSeconds - 1, $"{worker.Heartbeats.Confirmed} heartbeats confirmed");
    }

    [Fact]
    public async Task Should_run_without_a_lease_when_the_orchestrator_does_not_say_its_timeout()
    {
        await using var worker = await LaneWorkerHarness.StartAsync();
        worker.Heartbeats.Cut();
        var runId = await worker.Execute(new RunPlan([Steps.Sleep("wait", 1.5)]));

        await worker.WaitForPublished<RunSucceeded>(m => m.RunId == runId);

        Assert.Single(worker.Outcomes(runId));
    }
}

public sealed class When_the_lease_of_an_attempt_is_reckoned
{
    private static readonly DateTime Claimed = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Should_run_from_the_newest_confirmed_heartbeat_only()
    {
        using var execution = new RunExecution(Guid.NewGuid(), 1);
        execution.Renew(Claimed);
        execution.Renew(Claimed.AddSeconds(3));
        execution.Renew(Claimed.AddSeconds(2));

        Assert.Equal(Claimed.AddSeconds(3), execution.LeaseFrom);
        Assert.False(execution.ExpireLease(TimeSpan.FromSeconds(4), Claimed.AddSeconds(7)));
        Assert.False(execution.Stopping.IsCancellationRequested);
        Assert.True(execution.ExpireLease(TimeSpan.FromSeconds(4), Claimed.AddSeconds(7.1)));
        Assert.Equal(StopReason.LeaseLost, execution.Reason);
        Assert.True(execution.Stopping.IsCancellationRequested);
        Assert.True(execution.Fenced.IsCancellationRequested);
        Assert.False(execution.ExpireLease(TimeSpan.FromSeconds(4), Claimed.AddSeconds(9)));
    }

    [Fact]
    public void Should_fence_a_cancelled_attempt_too_so_its_summarize_steps_stop()
    {
        using var execution = new RunExecution(Guid.NewGuid(), 1);
        execution.Renew(Claimed);
        Assert.True(execution.Cancel());
        Assert.False(execution.Fenced.IsCancellationRequested);

        Assert.True(execution.ExpireLease(TimeSpan.FromSeconds(4), Claimed.AddSeconds(5)));

        Assert.Equal(StopReason.LeaseLost, execution.Reason);
        Assert.True(execution.Fenced.IsCancellationRequested);
    }

    [Theory]
    [InlineData(5, 1, 4.0)]
    [InlineData(30, 5, 24.0)]
    [InlineData(60, 5, 48.0)]
    public void Should_leave_a_fifth_of_the_timeout_and_at_least_a_second_to_stop(int timeoutSeconds, int intervalSeconds, double leaseSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(leaseSeconds), RunExecution.LeaseFor(TimeSpan.FromSeconds(timeoutSeconds), TimeSpan.FromSeconds(intervalSeconds)));

    [Theory]
    [InlineData(0, 1)]
    [InlineData(5, 3)]
    public void Should_have_no_lease_when_the_timeout_is_unknown_or_leaves_no_room_for_two_heartbeats(int timeoutSeconds, int intervalSeconds) =>
        Assert.Null(RunExecution.LeaseFor(TimeSpan.FromSeconds(timeoutSeconds), TimeSpan.FromSeconds(intervalSeconds)));
}

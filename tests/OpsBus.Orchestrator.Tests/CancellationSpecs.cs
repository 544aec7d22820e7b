using OpsBus.Contracts;

namespace OpsBus.Orchestrator.Tests;

public sealed class When_a_run_is_cancelled
{
    [Fact]
    public async Task Should_cancel_a_queued_run_at_once_and_refuse_its_claim()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync();
        var runId = await orchestrator.RequestRun();
        await orchestrator.WaitForDispatch(runId, 1);

        await orchestrator.Publish(new CancelRun(runId, "alice", "not needed"));

        var run = await orchestrator.WaitFor(runId, RunStatuses.Cancelled, r => r.FinishedAt is not null);
        Assert.Equal("alice", run.CancelRequestedBy);
        Assert.False(await orchestrator.ClaimAccepted(runId, 1));
    }

    [Fact]
    public async Task Should_ask_the_workers_to_stop_a_claimed_run_and_finish_when_it_stopped()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync();
        var runId = await orchestrator.RequestRun();
        await orchestrator.WaitForDispatch(runId, 1);
        await orchestrator.MustClaim(runId, 1);
        await orchestrator.WaitFor(runId, RunStatuses.Claimed);

        await orchestrator.Publish(new CancelRun(runId));

        await orchestrator.WaitFor(runId, RunStatuses.Cancelling);
        await WaitForCancellationRequest(orchestrator, runId, 1);
        await orchestrator.Publish(new RunCancelled(runId, 1, "worker-1", DateTime.UtcNow));
        await orchestrator.WaitFor(runId, RunStatuses.Cancelled);
    }

    [Fact]
    public async Task Should_track_request_acknowledgement_and_stop_of_a_running_run()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync();
        var runId = await orchestrator.RequestRun();
        await orchestrator.WaitForDispatch(runId, 1);
        await orchestrator.StartFirstAttempt(runId);

        await orchestrator.Publish(new CancelRun(runId, "bob"));
        await WaitForCancellationRequest(orchestrator, runId, 1);
        await orchestrator.Publish(new RunCancellationAcknowledged(runId, 1, "worker-1", DateTime.UtcNow));
        await orchestrator.WaitFor(runId, RunStatuses.Cancelling, r => r.CancelAcknowledgedAt is not null && r.CancelRequestedAt is not null);

        await orchestrator.Publish(new RunCancelled(runId, 1, "worker-1", DateTime.UtcNow));
        var run = await orchestrator.WaitFor(runId, RunStatuses.Cancelled);
        Assert.Equal(1, orchestrator.DispatchCount(runId));
        Assert.Equal(1, run.Attempt);
    }

    [Fact]
    public async Task Should_ask_again_with_each_heartbeat_until_the_worker_acknowledges()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync();
        var runId = await orchestrator.RequestRun();
        await orchestrator.WaitForDispatch(runId, 1);
        await orchestrator.StartFirstAttempt(runId);
        await orchestrator.Publish(new CancelRun(runId, "bob", "wrong target"));
        await WaitForCancellationRequests(orchestrator, runId, 1);

        await orchestrator.Publish(new RunHeartbeat(runId, 1, "worker-1", DateTime.UtcNow));

        var requests = await WaitForCancellationRequests(orchestrator, runId, 2);
        Assert.All(requests, r => Assert.Equal((1, "wrong target"), (r.Attempt, r.Reason)));
        await orchestrator.Publish(new RunCancellationAcknowledged(runId, 1, "worker-1", DateTime.UtcNow));
        await orchestrator.WaitFor(runId, RunStatuses.Cancelling, r => r.CancelAcknowledgedAt is not null);
        await orchestrator.Publish(new RunHeartbeat(runId, 1, "worker-1", DateTime.UtcNow));
        await orchestrator.Harness.InactivityTask;
        Assert.Equal(2, CancellationRequests(orchestrator, runId).Count);
    }

    [Fact]
    public async Task Should_never_requeue_a_cancelled_run_even_when_its_worker_is_gone()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync(heartbeatTimeoutSeconds: 30);
        var runId = await orchestrator.RequestRun();
        await orchestrator.WaitForDispatch(runId, 1);
        await orchestrator.StartFirstAttempt(runId);
        await orchestrator.Publish(new CancelRun(runId));
        await orchestrator.WaitFor(runId, RunStatuses.Cancelling);

        await orchestrator.Advance(TimeSpan.FromSeconds(31));

        await orchestrator.WaitFor(runId, RunStatuses.Cancelled);
        Assert.Equal(1, orchestrator.DispatchCount(runId));
    }

    [Fact]
    public async Task Should_not_retry_a_retryable_failure_that_raced_the_cancel()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync();
        var runId = await orchestrator.RequestRun();
        await orchestrator.WaitForDispatch(runId, 1);
        await orchestrator.MustClaim(runId, 1);
        await orchestrator.Publish(new RunStarted(runId, 1, "worker-1", DateTime.UtcNow));
        await orchestrator.Publish(new CancelRun(runId));
        await orchestrator.WaitFor(runId, RunStatuses.Cancelling);

        await orchestrator.Publish(new RunFailed(runId, 1, "worker-1", "interrupted", true, null, DateTime.UtcNow));

        await orchestrator.WaitFor(runId, RunStatuses.Cancelled);
        await orchestrator.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, orchestrator.DispatchCount(runId));
    }

    [Fact]
    public async Task Should_leave_a_finished_run_as_it_is()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync();
        var runId = await orchestrator.RequestRun();
        await orchestrator.WaitForDispatch(runId, 1);
        await orchestrator.MustClaim(runId, 1);
        await orchestrator.Publish(new RunSucceeded(runId, 1, "worker-1", DateTime.UtcNow));
        await orchestrator.WaitFor(runId, RunStatuses.Succeeded);

        await orchestrator.Publish(new CancelRun(runId));
        await orchestrator.Publish(new RunHeartbeat(runId, 1, "worker-1", DateTime.UtcNow));

        await orchestrator.Harness.InactivityTask;
        await orchestrator.WaitFor(runId, RunStatuses.Succeeded);
    }

    private static Task WaitForCancellationRequest(OrchestratorHarness orchestrator, Guid runId, int attempt) =>
        Testing.Eventually.True(() => Task.FromResult(CancellationRequests(orchestrator, runId).Any(m => m.Attempt == attempt)),
            TimeSpan.FromSeconds(10), "RunCancellationRequested");

    private static Task<List<RunCancellationRequested>> WaitForCancellationRequests(OrchestratorHarness orchestrator, Guid runId, int count) =>
        Testing.Eventually.Get(() => Task.FromResult<List<RunCancellationRequested>?>(CancellationRequests(orchestrator, runId) is { } requests && requests.Count >= count ? requests : null),
            TimeSpan.FromSeconds(10), $"{count} RunCancellationRequested");

    private static List<RunCancellationRequested> CancellationRequests(OrchestratorHarness orchestrator, Guid runId) =>
        orchestrator.Harness.Published.Select<RunCancellationRequested>(OrchestratorHarness.Recorded)
            .Select(m => m.Context.Message).Where(m => m.RunId == runId).ToList();
}

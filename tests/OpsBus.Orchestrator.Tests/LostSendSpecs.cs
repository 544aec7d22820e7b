using OpsBus.Contracts;
using OpsBus.Testing;

namespace OpsBus.Orchestrator.Tests;

/// <summary>
/// A send lost after its saga was saved (the orchestrator killed in between, or the shared channel closed under it by a
/// reply to a dead worker) leaves a run dispatched that no worker will ever see; the liveness check sends it again.
/// </summary>
public sealed class When_a_dispatched_attempt_may_have_been_lost
{
    [Fact]
    public async Task Should_send_the_same_attempt_again_and_still_accept_one_claim()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync();
        var runId = await orchestrator.RequestRun();
        await orchestrator.WaitForDispatch(runId, 1);

        await orchestrator.Publish(new CheckRunLiveness(runId));

        await Eventually.True(() => Task.FromResult(orchestrator.DispatchCount(runId) == 2), TimeSpan.FromSeconds(10), "attempt 1 sent again");
        var claims = await Task.WhenAll(orchestrator.ClaimAccepted(runId, 1, "worker-1"), orchestrator.ClaimAccepted(runId, 1, "worker-2"));
        Assert.Equal(1, claims.Count(accepted => accepted));
        Assert.Equal(1, (await orchestrator.Find(runId))!.Attempt);
    }

    [Fact]
    public async Task Should_not_send_an_attempt_again_once_it_was_claimed()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync();
        var runId = await orchestrator.RequestRun();
        await orchestrator.WaitForDispatch(runId, 1);
        await orchestrator.MustClaim(runId, 1);

        await orchestrator.Publish(new CheckRunLiveness(runId));
        await orchestrator.WaitConsumed<CheckRunLiveness>(m => m.RunId == runId);

        Assert.Equal(1, orchestrator.DispatchCount(runId));
    }
}

/// <summary>
/// A retry whose scheduled <see cref="RunRetryDue"/> was lost with a send (the recovery sweep finds it missing from the
/// durable scheduler's table twice in a row) would leave the run queued for ever; the liveness check dispatches it.
/// </summary>
public sealed class When_a_scheduled_retry_may_have_been_lost
{
    [Fact]
    public async Task Should_dispatch_the_next_attempt_without_waiting_for_the_retry()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync(maxAttempts: 3);
        var runId = await WaitingForRetry(orchestrator);

        await orchestrator.Publish(new CheckRunLiveness(runId));

        await orchestrator.WaitForDispatch(runId, 2);
        await orchestrator.MustClaim(runId, 2);
        Assert.Equal(2, orchestrator.DispatchCount(runId));
    }

    [Fact]
    public async Task Should_dispatch_it_only_once_when_the_retry_arrives_after_all()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync(maxAttempts: 3);
        var runId = await WaitingForRetry(orchestrator);
        await orchestrator.Publish(new CheckRunLiveness(runId));
        await orchestrator.WaitForDispatch(runId, 2);

        await orchestrator.Publish(new RunRetryDue(runId, 2));
        await orchestrator.WaitConsumed<RunRetryDue>(m => m.RunId == runId);

        Assert.Equal(2, orchestrator.DispatchCount(runId));
        Assert.Equal(2, (await orchestrator.Find(runId))!.Attempt);
    }

    /// <summary>A run whose first attempt failed retryably: queued, its retry scheduled (never due: the harness's clock stands still).</summary>
    internal static async Task<Guid> WaitingForRetry(OrchestratorHarness orchestrator)
    {
        var runId = await orchestrator.RequestRun();
        await orchestrator.WaitForDispatch(runId, 1);
        await orchestrator.MustClaim(runId, 1);
        await orchestrator.Publish(new RunFailed(runId, 1, "worker-1", "connection reset", Retryable: true, "greet", DateTime.UtcNow));
        await orchestrator.WaitFor(runId, RunStatuses.Queued, r => r.Error == "connection reset");
        return runId;
    }
}

public sealed class When_a_liveness_check_arrives_after_the_run_moved_on
{
    [Fact]
    public async Task Should_leave_the_run_as_it_is_now()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync(maxAttempts: 3);
        var runId = await When_a_scheduled_retry_may_have_been_lost.WaitingForRetry(orchestrator);

        // What a sweep sent while attempt 1 was still claimed, consumed after it failed and waits for its retry.
        await orchestrator.Publish(new CheckRunLiveness(runId, Attempt: 1, Status: RunStatuses.Claimed));
        await orchestrator.WaitConsumed<CheckRunLiveness>(m => m.RunId == runId);

        Assert.Equal(1, orchestrator.DispatchCount(runId));
        Assert.Equal(1, (await orchestrator.Find(runId))!.Attempt);
    }

    [Fact]
    public async Task Should_act_when_the_run_is_as_the_sender_saw_it()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync(maxAttempts: 3);
        var runId = await When_a_scheduled_retry_may_have_been_lost.WaitingForRetry(orchestrator);

        await orchestrator.Publish(new CheckRunLiveness(runId, Attempt: 1, Status: RunStatuses.Queued));

        await orchestrator.WaitForDispatch(runId, 2);
    }
}

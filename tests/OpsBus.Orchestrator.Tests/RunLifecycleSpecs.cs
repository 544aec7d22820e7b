using MassTransit;
using OpsBus.Contracts;

namespace OpsBus.Orchestrator.Tests;

public sealed class When_a_run_goes_the_happy_path
{
    [Fact]
    public async Task Should_pass_queued_claimed_running_succeeded_and_announce_every_transition()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync();
        var runId = await orchestrator.RequestRun(lane: "B");

        var dispatched = await orchestrator.WaitForDispatch(runId, attempt: 1);
        Assert.Equal("B", dispatched.Lane);
        Assert.Equal("greet", Assert.Single(dispatched.Plan.Steps).Id);
        await orchestrator.WaitFor(runId, RunStatuses.Queued);

        await orchestrator.MustClaim(runId, 1, "worker-1");
        await orchestrator.WaitFor(runId, RunStatuses.Claimed, r => r.ClaimedBy == "worker-1");

        await orchestrator.Publish(new RunStarted(runId, 1, "worker-1", DateTime.UtcNow));
        await orchestrator.WaitFor(runId, RunStatuses.Running, r => r.StartedAt is not null);

        await orchestrator.Publish(new RunSucceeded(runId, 1, "worker-1", DateTime.UtcNow));
        var run = await orchestrator.WaitFor(runId, RunStatuses.Succeeded, r => r.FinishedAt is not null);

        Assert.Equal(1, run.Attempt);
        await Eventually(() => orchestrator.StatusHistory(runId).Count == 4);
        Assert.Equal([RunStatuses.Queued, RunStatuses.Claimed, RunStatuses.Running, RunStatuses.Succeeded], orchestrator.StatusHistory(runId));
        Assert.Equal([1, 2, 3, 4], orchestrator.Harness.Published.Select<RunStatusChanged>(OrchestratorHarness.Recorded)
            .Select(m => m.Context.Message).Where(m => m.RunId == runId).OrderBy(m => m.Timestamp).Select(m => m.Sequence));
    }

    [Fact]
    public async Task Should_fail_at_once_when_the_request_has_no_plan()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync();
        var runId = await orchestrator.RequestRun(withoutPlan: true);

        var run = await orchestrator.WaitFor(runId, RunStatuses.Failed);
        Assert.Contains("no plan", run.Error);
        Assert.Equal(0, orchestrator.DispatchCount(runId));
    }

    internal static Task Eventually(Func<bool> condition) =>
        Testing.Eventually.True(() => Task.FromResult(condition()), TimeSpan.FromSeconds(10), "condition");
}

public sealed class When_messages_are_duplicated_or_late
{
    [Fact]
    public async Task Should_accept_exactly_one_claim_per_attempt()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync();
        var runId = await orchestrator.RequestRun();
        await orchestrator.WaitForDispatch(runId, 1);

        var claims = await Task.WhenAll(Enumerable.Range(1, 5).Select(i => orchestrator.ClaimAccepted(runId, 1, $"worker-{i}")));

        Assert.Equal(1, claims.Count(accepted => accepted));
        Assert.False(await orchestrator.ClaimAccepted(runId, 1, "worker-9"));
    }

    [Fact]
    public async Task Should_reject_a_claim_for_an_attempt_that_was_never_dispatched_or_an_unknown_run()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync();
        var runId = await orchestrator.RequestRun();
        await orchestrator.WaitForDispatch(runId, 1);

        Assert.False(await orchestrator.ClaimAccepted(runId, 2));
        Assert.False(await orchestrator.ClaimAccepted(NewId.NextGuid(), 1));
        await orchestrator.MustClaim(runId, 1);
    }

    [Fact]
    public async Task Should_ignore_a_duplicate_request_and_a_duplicate_completion()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync();
        var runId = await orchestrator.RequestRun();
        await orchestrator.WaitForDispatch(runId, 1);
        await orchestrator.Publish(new RunRequested(runId, OrchestratorHarness.Plan()));

        await orchestrator.MustClaim(runId, 1);
        await orchestrator.Publish(new RunStarted(runId, 1, "worker-1", DateTime.UtcNow));
        await orchestrator.Publish(new RunSucceeded(runId, 1, "worker-1", DateTime.UtcNow));
        await orchestrator.Publish(new RunSucceeded(runId, 1, "worker-1", DateTime.UtcNow));
        await orchestrator.Publish(new RunFailed(runId, 1, "worker-1", "late", true, null, DateTime.UtcNow));

        var run = await orchestrator.WaitFor(runId, RunStatuses.Succeeded);
        Assert.Equal(1, orchestrator.DispatchCount(runId));
        Assert.Null(run.Error);
        Assert.False(await orchestrator.ClaimAccepted(runId, 1, "worker-2"));
    }

    [Fact]
    public async Task Should_drop_messages_from_an_attempt_that_was_given_up()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync(heartbeatTimeoutSeconds: 30);
        var runId = await orchestrator.RequestRun();
        await orchestrator.WaitForDispatch(runId, 1);
        await orchestrator.MustClaim(runId, 1, "dead-worker");
        await orchestrator.Publish(new RunStarted(runId, 1, "dead-worker", DateTime.UtcNow));
        await orchestrator.WaitFor(runId, RunStatuses.Running);

        await orchestrator.Advance(TimeSpan.FromSeconds(31));
        await orchestrator.WaitForDispatch(runId, 2);
        await orchestrator.MustClaim(runId, 2, "worker-2");

        await orchestrator.Publish(new RunSucceeded(runId, 1, "dead-worker", DateTime.UtcNow));
        await orchestrator.Publish(new RunHeartbeat(runId, 1, "dead-worker", DateTime.UtcNow));

        // The zombie attempt is told to stop, and its success does not count.
        await Testing.Eventually.True(() => Task.FromResult(orchestrator.Harness.Published.Select<RunCancellationRequested>(OrchestratorHarness.Recorded)
            .Any(m => m.Context.Message.RunId == runId && m.Context.Message.Attempt == 1)), TimeSpan.FromSeconds(10), "zombie stopped");
        var run = await orchestrator.WaitFor(runId, RunStatuses.Claimed, r => r.Attempt == 2);
        Assert.Equal("worker-2", run.ClaimedBy);
    }
}

public sealed class When_a_worker_goes_silent
{
    [Fact]
    public async Task Should_requeue_as_the_next_attempt_and_fail_after_max_attempts()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync(maxAttempts: 2, heartbeatTimeoutSeconds: 30);
        var runId = await orchestrator.RequestRun();

        await orchestrator.WaitForDispatch(runId, 1);
        await orchestrator.MustClaim(runId, 1, "worker-1");
        await orchestrator.Publish(new RunStarted(runId, 1, "worker-1", DateTime.UtcNow));
        await orchestrator.WaitFor(runId, RunStatuses.Running);
        await orchestrator.Advance(TimeSpan.FromSeconds(31));

        await orchestrator.WaitForDispatch(runId, 2);
        var requeued = await orchestrator.WaitFor(runId, RunStatuses.Queued, r => r.Attempt == 2);
        Assert.Null(requeued.ClaimedBy);
        Assert.Contains("lost", requeued.Error);

        await orchestrator.MustClaim(runId, 2, "worker-2");
        await orchestrator.WaitFor(runId, RunStatuses.Claimed, r => r.Attempt == 2);
        await orchestrator.Advance(TimeSpan.FromSeconds(31));

        var failed = await orchestrator.WaitFor(runId, RunStatuses.Failed);
        Assert.Contains("no attempt left", failed.Error);
        Assert.Equal(2, orchestrator.DispatchCount(runId));
        Assert.Equal([Contracts.RequeueReasons.WorkerLost], orchestrator.RequeueReasons(runId));
    }

    [Fact]
    public async Task Should_not_time_out_while_heartbeats_arrive()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync(heartbeatTimeoutSeconds: 30);
        var runId = await orchestrator.RequestRun();
        await orchestrator.WaitForDispatch(runId, 1);
        await orchestrator.StartFirstAttempt(runId);

        for (var i = 0; i < 3; i++)
        {
            await orchestrator.Advance(TimeSpan.FromSeconds(20));
            var beat = DateTime.UtcNow;
            await orchestrator.Publish(new RunHeartbeat(runId, 1, "worker-1", beat));
            await orchestrator.WaitFor(runId, RunStatuses.Running, r => r.HeartbeatAt >= beat.AddMilliseconds(-1));
        }

        var run = await orchestrator.WaitFor(runId, RunStatuses.Running);
        Assert.Equal(1, run.Attempt);
        Assert.Equal(1, orchestrator.DispatchCount(runId));
    }

    [Fact]
    public async Task Should_give_up_exactly_one_timeout_after_the_last_heartbeat()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync(heartbeatTimeoutSeconds: 30);
        var runId = await orchestrator.RequestRun();
        await orchestrator.WaitForDispatch(runId, 1);
        await orchestrator.StartFirstAttempt(runId);

        await orchestrator.Advance(TimeSpan.FromSeconds(20));
        var heard = await orchestrator.HeartbeatAndWait(runId);

        // The timeout armed at the claim fires at 30 s, finds the worker heard from 10 s ago and re-arms for the rest.
        await orchestrator.Advance(TimeSpan.FromSeconds(15));
        await orchestrator.Advance(TimeSpan.FromSeconds(13));
        var stillRunning = await orchestrator.WaitFor(runId, RunStatuses.Running);
        Assert.Equal(heard, stillRunning.HeartbeatAt);

        await orchestrator.Advance(TimeSpan.FromSeconds(3));
        var requeued = await orchestrator.WaitFor(runId, RunStatuses.Queued, r => r.Attempt == 2);
        Assert.Contains("lost", requeued.Error);
    }

    [Fact]
    public async Task Should_requeue_at_once_without_spending_an_attempt_when_the_worker_hands_it_back()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync(maxAttempts: 1);
        var runId = await orchestrator.RequestRun();
        await orchestrator.WaitForDispatch(runId, 1);
        await orchestrator.StartFirstAttempt(runId);

        await orchestrator.Publish(new RunReleased(runId, 1, "worker-1", "worker stopping"));

        await orchestrator.WaitForDispatch(runId, 2);
        await orchestrator.MustClaim(runId, 2, "worker-2");
        await orchestrator.Publish(new RunStarted(runId, 2, "worker-2", DateTime.UtcNow));
        await orchestrator.Publish(new RunSucceeded(runId, 2, "worker-2", DateTime.UtcNow));
        var run = await orchestrator.WaitFor(runId, RunStatuses.Succeeded);
        Assert.Equal(1, run.ReleasedAttempts);
        Assert.Equal([Contracts.RequeueReasons.Released], orchestrator.RequeueReasons(runId));
    }
}

public sealed class When_a_run_fails
{
    [Fact]
    public async Task Should_retry_a_retryable_failure_after_backoff()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync(maxAttempts: 3);
        var runId = await orchestrator.RequestRun();
        await orchestrator.WaitForDispatch(runId, 1);
        await orchestrator.MustClaim(runId, 1);
        await orchestrator.Publish(new RunStarted(runId, 1, "worker-1", DateTime.UtcNow));
        await orchestrator.Publish(new RunFailed(runId, 1, "worker-1", "connection reset", Retryable: true, "greet", DateTime.UtcNow));

        await orchestrator.WaitFor(runId, RunStatuses.Queued, r => r.Error == "connection reset");
        Assert.Equal(1, orchestrator.DispatchCount(runId));
        Assert.False(await orchestrator.ClaimAccepted(runId, 1, "redelivered"));

        await orchestrator.Advance(TimeSpan.FromSeconds(3));
        await orchestrator.WaitForDispatch(runId, 2);
        await orchestrator.MustClaim(runId, 2);
        await orchestrator.Publish(new RunStarted(runId, 2, "worker-1", DateTime.UtcNow));
        await orchestrator.Publish(new RunSucceeded(runId, 2, "worker-1", DateTime.UtcNow));
        await orchestrator.WaitFor(runId, RunStatuses.Succeeded, r => r.Attempt == 2);
        Assert.Equal([Contracts.RequeueReasons.Retry], orchestrator.RequeueReasons(runId));
    }

    [Fact]
    public async Task Should_fail_at_once_when_the_failure_is_not_retryable()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync(maxAttempts: 3);
        var runId = await orchestrator.RequestRun();
        await orchestrator.WaitForDispatch(runId, 1);
        await orchestrator.MustClaim(runId, 1);
        await orchestrator.Publish(new RunStarted(runId, 1, "worker-1", DateTime.UtcNow));
        await orchestrator.Publish(new RunFailed(runId, 1, "worker-1", "bad input", Retryable: false, "greet", DateTime.UtcNow));

        var run = await orchestrator.WaitFor(runId, RunStatuses.Failed);
        Assert.Equal("bad input", run.Error);
        Assert.Equal(1, orchestrator.DispatchCount(runId));
    }

    [Fact]
    public async Task Should_fail_for_good_when_retryable_failures_use_up_the_attempts()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync(maxAttempts: 2);
        var runId = await orchestrator.RequestRun();
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            await orchestrator.WaitForDispatch(runId, attempt);
            await orchestrator.MustClaim(runId, attempt);
            await orchestrator.Publish(new RunFailed(runId, attempt, "worker-1", $"flaky {attempt}", true, null, DateTime.UtcNow));
            if (attempt == 1)
            {
                await orchestrator.WaitFor(runId, RunStatuses.Queued, r => r.Error == "flaky 1");
                await orchestrator.Advance(TimeSpan.FromSeconds(3));
            }
        }

        var run = await orchestrator.WaitFor(runId, RunStatuses.Failed);
        Assert.Equal("flaky 2", run.Error);
        Assert.Equal(2, orchestrator.DispatchCount(runId));
    }
}

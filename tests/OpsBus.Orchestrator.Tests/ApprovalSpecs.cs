using OpsBus.Contracts;

namespace OpsBus.Orchestrator.Tests;

public sealed class When_a_risky_run_is_requested
{
    private const string Hash = "5f1d7c0e";

    [Fact]
    public async Task Should_wait_for_approval_without_dispatching_and_refuse_claims()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync();
        var runId = await orchestrator.RequestRun(planHashNeedingApproval: Hash);

        var run = await orchestrator.WaitFor(runId, RunStatuses.AwaitingApproval);
        Assert.Null(run.ApprovalDecision);
        Assert.NotNull(run.ApprovalExpiresAt);
        Assert.Equal(0, orchestrator.DispatchCount(runId));
        Assert.False(await orchestrator.ClaimAccepted(runId, 1));
    }

    [Fact]
    public async Task Should_queue_and_dispatch_once_someone_else_approves_the_same_plan()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync();
        var runId = await orchestrator.RequestRun(planHashNeedingApproval: Hash);
        await orchestrator.WaitFor(runId, RunStatuses.AwaitingApproval);

        await orchestrator.Publish(new ApproveRun(runId, "bob", Hash.ToUpperInvariant(), "looks right", DateTime.UtcNow));

        await orchestrator.WaitForDispatch(runId, 1);
        var run = await orchestrator.WaitFor(runId, RunStatuses.Queued);
        Assert.Equal("approved", run.ApprovalDecision);
        Assert.Equal("bob", run.ApprovalDecidedBy);
        Assert.Equal("looks right", run.ApprovalComment);
        Assert.NotNull(run.ApprovalDecidedAt);
        await orchestrator.MustClaim(runId, 1);
        await orchestrator.WaitFor(runId, RunStatuses.Claimed);
    }

    [Fact]
    public async Task Should_ignore_an_approval_by_the_requester_or_for_a_different_plan()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync();
        var runId = await orchestrator.RequestRun(planHashNeedingApproval: Hash);
        await orchestrator.WaitFor(runId, RunStatuses.AwaitingApproval);

        await orchestrator.Publish(new ApproveRun(runId, "test", Hash, null, DateTime.UtcNow));
        await orchestrator.Publish(new ApproveRun(runId, "bob", "another-plan", null, DateTime.UtcNow));
        await orchestrator.WaitConsumed<ApproveRun>(m => m.DecidedBy == "test");
        await orchestrator.WaitConsumed<ApproveRun>(m => m.PlanHash == "another-plan");

        var run = await orchestrator.WaitFor(runId, RunStatuses.AwaitingApproval);
        Assert.Null(run.ApprovalDecision);
        Assert.Equal(0, orchestrator.DispatchCount(runId));

        await orchestrator.Publish(new ApproveRun(runId, "carol", Hash, null, DateTime.UtcNow));
        await orchestrator.WaitForDispatch(runId, 1);
        Assert.Equal("carol", (await orchestrator.WaitFor(runId, RunStatuses.Queued)).ApprovalDecidedBy);
    }

    [Fact]
    public async Task Should_end_rejected_when_an_approver_rejects_it()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync();
        var runId = await orchestrator.RequestRun(planHashNeedingApproval: Hash);
        await orchestrator.WaitFor(runId, RunStatuses.AwaitingApproval);

        await orchestrator.Publish(new RejectRun(runId, "bob", "not during the freeze", DateTime.UtcNow));

        var run = await orchestrator.WaitFor(runId, RunStatuses.Rejected, r => r.FinishedAt is not null);
        Assert.Equal("rejected", run.ApprovalDecision);
        Assert.Equal("bob", run.ApprovalDecidedBy);
        Assert.Contains("not during the freeze", run.Error);
        Assert.False(await orchestrator.ClaimAccepted(runId, 1));

        await orchestrator.Publish(new ApproveRun(runId, "carol", Hash, null, DateTime.UtcNow));
        await orchestrator.WaitConsumed<ApproveRun>(m => m.DecidedBy == "carol");
        Assert.Equal(RunStatuses.Rejected, (await orchestrator.WaitFor(runId, RunStatuses.Rejected)).Status);
        Assert.Equal(0, orchestrator.DispatchCount(runId));
    }

    [Fact]
    public async Task Should_expire_as_rejected_when_nobody_decides_in_time()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync();
        var runId = await orchestrator.RequestRun(planHashNeedingApproval: Hash);
        await orchestrator.WaitFor(runId, RunStatuses.AwaitingApproval);

        await orchestrator.Advance(TimeSpan.FromMinutes(61));

        var run = await orchestrator.WaitFor(runId, RunStatuses.Rejected);
        Assert.Equal("expired", run.ApprovalDecision);
        Assert.Null(run.ApprovalDecidedBy);
        Assert.Contains("Nobody approved", run.Error);
        Assert.Equal(0, orchestrator.DispatchCount(runId));
    }

    [Fact]
    public async Task Should_not_expire_once_approved()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync();
        var runId = await orchestrator.RequestRun(planHashNeedingApproval: Hash);
        await orchestrator.WaitFor(runId, RunStatuses.AwaitingApproval);
        await orchestrator.Publish(new ApproveRun(runId, "bob", Hash, null, DateTime.UtcNow));
        await orchestrator.WaitForDispatch(runId, 1);

        await orchestrator.Advance(TimeSpan.FromMinutes(61));

        var run = await orchestrator.WaitFor(runId, RunStatuses.Queued);
        Assert.Equal("approved", run.ApprovalDecision);
    }

    [Fact]
    public async Task Should_be_cancellable_while_waiting()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync();
        var runId = await orchestrator.RequestRun(planHashNeedingApproval: Hash);
        await orchestrator.WaitFor(runId, RunStatuses.AwaitingApproval);

        await orchestrator.Publish(new CancelRun(runId, "test", "changed my mind"));

        await orchestrator.WaitFor(runId, RunStatuses.Cancelled);
        await orchestrator.Publish(new ApproveRun(runId, "bob", Hash, null, DateTime.UtcNow));
        await orchestrator.WaitConsumed<ApproveRun>(m => m.RunId == runId);
        await orchestrator.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(RunStatuses.Cancelled, (await orchestrator.WaitFor(runId, RunStatuses.Cancelled)).Status);
        Assert.Equal(0, orchestrator.DispatchCount(runId));
    }

    [Fact]
    public async Task Should_not_hold_its_session_lane_until_approved()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync();
        var risky = await orchestrator.RequestRun(lane: "B", sessionId: "incident-7", planHashNeedingApproval: Hash);
        await orchestrator.WaitFor(risky, RunStatuses.AwaitingApproval);

        var routine = await orchestrator.RequestRun(lane: "B", sessionId: "incident-7");
        await orchestrator.WaitForDispatch(routine, 1);

        await orchestrator.Publish(new ApproveRun(risky, "bob", Hash, null, DateTime.UtcNow));
        await orchestrator.WaitFor(risky, RunStatuses.Queued);
        Assert.Equal(0, orchestrator.DispatchCount(risky));

        await orchestrator.MustClaim(routine, 1);
        await orchestrator.Publish(new RunStarted(routine, 1, "worker-1", DateTime.UtcNow));
        await orchestrator.Publish(new RunSucceeded(routine, 1, "worker-1", DateTime.UtcNow));
        await orchestrator.WaitForDispatch(risky, 1);
    }
}

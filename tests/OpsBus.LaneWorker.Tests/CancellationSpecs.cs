using System.Diagnostics;
using OpsBus.Contracts;
using OpsBus.Testing;

namespace OpsBus.LaneWorker.Tests;

public sealed class When_a_run_is_cancelled
{
    [Fact]
    public async Task Should_stop_a_long_step_within_two_seconds_and_still_summarize()
    {
        await using var worker = await LaneWorkerHarness.StartAsync();
        var runId = await worker.Execute(Steps.Sleep("wait", 60), Steps.Echo("after", RunPhases.Verify), Steps.Echo("report", RunPhases.Summarize));
        await worker.WaitForStep(runId, "wait");

        var clock = Stopwatch.StartNew();
        await worker.Publish(new RunCancellationRequested(runId, 1, "no longer needed"));
        var cancelled = await worker.WaitForPublished<RunCancelled>(m => m.RunId == runId);
        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"cancelled after {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(1, cancelled.Attempt);
        // The acknowledgement leaves from the cancellation consumer and may trail the outcome.
        var acknowledged = await worker.WaitForPublished<RunCancellationAcknowledged>(m => m.RunId == runId);
        Assert.Equal(1, acknowledged.Attempt);
        Assert.Equal(LaneWorkerHarness.WorkerId, acknowledged.WorkerId);
        Assert.Equal(
            new Dictionary<string, string> { ["wait"] = "cancelled", ["after"] = "skipped", ["report"] = "succeeded" },
            worker.StepStatuses(runId));
        Assert.Single(worker.Outcomes(runId));
    }

    [Fact]
    public async Task Should_cancel_even_when_the_cancel_arrives_before_the_claim_is_answered()
    {
        await using var worker = await LaneWorkerHarness.StartAsync();
        var cancelSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        worker.Orchestrator.BeforeAnswering = _ => cancelSeen.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var runId = await worker.Execute(Steps.Sleep("wait", 60), Steps.Echo("report", RunPhases.Summarize));
        await Eventually.True(() => Task.FromResult(worker.Orchestrator.Claims.Any(c => c.RunId == runId)),
            TimeSpan.FromSeconds(10), "the claim to reach the orchestrator");
        await worker.Publish(new RunCancellationRequested(runId, 1, "cancelled while claiming"));
        await worker.WaitForConsumed<RunCancellationRequested>(m => m.RunId == runId);
        cancelSeen.SetResult();

        var cancelled = await worker.WaitForPublished<RunCancelled>(m => m.RunId == runId);
        Assert.Equal(1, cancelled.Attempt);
        await worker.WaitForPublished<RunCancellationAcknowledged>(m => m.RunId == runId && m.Attempt == 1);
        Assert.Equal(new Dictionary<string, string> { ["wait"] = "skipped", ["report"] = "succeeded" }, worker.StepStatuses(runId));
        Assert.Single(worker.Outcomes(runId));
    }
}

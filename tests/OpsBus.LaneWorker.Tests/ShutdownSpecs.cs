using System.Diagnostics;
using OpsBus.Contracts;

namespace OpsBus.LaneWorker.Tests;

public sealed class When_the_worker_is_stopped
{
    [Fact]
    public async Task Should_hand_the_running_attempt_back()
    {
        await using var worker = await LaneWorkerHarness.StartAsync();
        var runId = await worker.Execute(Steps.Sleep("wait", 60), Steps.Echo("report", RunPhases.Summarize));
        await worker.WaitForStep(runId, "wait");

        var clock = Stopwatch.StartNew();
        await worker.StopAsync();
        var released = await worker.WaitForPublished<RunReleased>(m => m.RunId == runId, TimeSpan.FromSeconds(5));
        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"released after {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(1, released.Attempt);
        Assert.Equal(LaneWorkerHarness.WorkerId, released.WorkerId);
        Assert.Equal(new Dictionary<string, string> { ["wait"] = "cancelled", ["report"] = "skipped" }, worker.StepStatuses(runId));
        Assert.Single(worker.Outcomes(runId));
    }
}

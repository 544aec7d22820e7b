using OpsBus.Contracts;

namespace OpsBus.LaneWorker.Tests;

public sealed class When_the_claim_is_rejected
{
    [Fact]
    public async Task Should_execute_nothing()
    {
        await using var worker = await LaneWorkerHarness.StartAsync();
        worker.Orchestrator.Accepts = false;

        var runId = await worker.Execute(Steps.Echo("greet"), Steps.Echo("report", RunPhases.Summarize));

        await worker.WaitForConsumed<ExecuteRun>(m => m.RunId == runId);
        Assert.Single(worker.Orchestrator.Claims, c => c.RunId == runId && c.Attempt == 1 && c.WorkerId == LaneWorkerHarness.WorkerId);
        Assert.DoesNotContain(worker.Published<RunStarted>(), m => m.RunId == runId);
        Assert.DoesNotContain(worker.Published<RunStepStarted>(), m => m.RunId == runId);
        Assert.DoesNotContain(worker.Published<RunLogAppended>(), m => m.RunId == runId);
        Assert.Empty(worker.Outcomes(runId));
    }
}

using MassTransit;
using OpsBus.Contracts;

namespace OpsBus.LaneWorker.Tests;

/// <summary>
/// An <see cref="ExecuteRun"/> of the right shape whose plan makes no sense (anyone with access to the lane can send one)
/// fails its run for good at once with the reason, instead of faulting the consumer and leaving the run to its heartbeat
/// timeout, attempt after attempt.
/// </summary>
public sealed class When_a_plan_is_malformed
{
    public static TheoryData<string, RunPlan> Plans => new()
    {
        { "no plan", null! },
        { "no steps", new RunPlan(null!) },
        { "empty steps", new RunPlan([]) },
        { "a null step", new RunPlan([Steps.Echo("first"), null!]) },
        { "a step without an action", new RunPlan([Steps.Echo("first") with { Action = null! }]) },
        { "a step without a phase", new RunPlan([Steps.Echo("first") with { Phase = null! }]) },
        { "a step without an id", new RunPlan([Steps.Echo("first") with { Id = "" }]) },
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public async Task Should_fail_the_run_for_good_without_running_a_step(string what, RunPlan plan)
    {
        await using var worker = await LaneWorkerHarness.StartAsync();

        var runId = await worker.Execute(plan);

        var failed = await worker.WaitForPublished<RunFailed>(m => m.RunId == runId);
        Assert.False(failed.Retryable, what);
        Assert.Matches("has no steps|has no id, phase or action", failed.Error);
        Assert.Single(worker.Outcomes(runId));
        Assert.DoesNotContain(worker.Published<RunStepStarted>(), m => m.RunId == runId);
        Assert.False(await worker.Harness.Published.Any<Fault<ExecuteRun>>(), $"{what}: the consumer faulted");
    }
}

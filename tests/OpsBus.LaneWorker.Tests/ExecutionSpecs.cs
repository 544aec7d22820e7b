using OpsBus.Contracts;

namespace OpsBus.LaneWorker.Tests;

public sealed class When_a_plan_runs
{
    [Fact]
    public async Task Should_run_the_steps_in_phase_order_whatever_the_plan_order()
    {
        await using var worker = await LaneWorkerHarness.StartAsync();

        var runId = await worker.Execute(
            Steps.Echo("report", RunPhases.Summarize),
            Steps.Echo("check", RunPhases.Verify),
            Steps.Echo("deploy", RunPhases.Action),
            Steps.Echo("inputs", RunPhases.Validate),
            Steps.Echo("reachable", RunPhases.Preflight),
            Steps.Echo("deploy-again", RunPhases.Action));

        var succeeded = await worker.WaitForPublished<RunSucceeded>(m => m.RunId == runId);
        Assert.Equal(1, succeeded.Attempt);
        Assert.Equal(LaneWorkerHarness.WorkerId, succeeded.WorkerId);
        Assert.Equal(["inputs", "reachable", "deploy", "deploy-again", "check", "report"],
            worker.Published<RunStepStarted>().Where(m => m.RunId == runId).Select(m => m.StepId));
        Assert.All(worker.StepStatuses(runId).Values, status => Assert.Equal("succeeded", status));
        Assert.Single(worker.Published<RunStarted>(), m => m.RunId == runId && m.Attempt == 1);
        Assert.Single(worker.Outcomes(runId));
        Assert.Equal(runId, Assert.Single(worker.Orchestrator.Claims).RunId);
    }

    [Fact]
    public async Task Should_stream_the_log_in_batches_numbered_per_attempt()
    {
        await using var worker = await LaneWorkerHarness.StartAsync(logBatchSize: 3);

        // The pause outlasts the flush interval, so lines before and after it cannot share one batch.
        var runId = await worker.Execute(
            Steps.Echo("before", message: "first words"),
            Steps.Sleep("pause", 0.3),
            Steps.Echo("after", RunPhases.Verify, "last words"));

        await worker.WaitForPublished<RunSucceeded>(m => m.RunId == runId);
        var batches = worker.Published<RunLogAppended>().Where(m => m.RunId == runId).ToList();
        Assert.True(batches.Count > 1, $"expected several batches, got {batches.Count}");
        Assert.All(batches, batch => Assert.Equal(1, batch.Attempt));
        Assert.All(batches, batch => Assert.NotEmpty(batch.Lines));

        var lines = batches.SelectMany(b => b.Lines).ToList();
        Assert.Equal(Enumerable.Range(1, lines.Count).Select(n => RunLogLine.SequenceOf(1, n)), lines.Select(l => l.Seq));
        Assert.Contains(lines, l => l.Source == "before" && l.Message == "first words");
        Assert.Contains(lines, l => l.Source == "after" && l.Message == "last words");
        Assert.Equal("attempt succeeded", lines[^1].Message);
        Assert.Equal("succeeded", lines[^1].Data?.GetProperty(RunLogLine.AttemptEndedKey).GetString());
        Assert.Equal([lines[^1].Seq], lines.Where(l => RunLogLine.EndsAttempt(l.Source, l.Data)).Select(l => l.Seq));
    }
}

public sealed class When_a_step_fails
{
    [Fact]
    public async Task Should_skip_later_steps_but_still_summarize()
    {
        await using var worker = await LaneWorkerHarness.StartAsync();

        var runId = await worker.Execute(
            Steps.Echo("inputs", RunPhases.Validate),
            Steps.Fail("break", retryable: true),
            Steps.Echo("after", RunPhases.Action),
            Steps.Echo("check", RunPhases.Verify),
            Steps.Echo("report", RunPhases.Summarize));

        var failed = await worker.WaitForPublished<RunFailed>(m => m.RunId == runId);
        Assert.Equal("break", failed.StepId);
        Assert.Contains("broken on purpose", failed.Error);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["inputs"] = "succeeded",
                ["break"] = "failed",
                ["after"] = "skipped",
                ["check"] = "skipped",
                ["report"] = "succeeded",
            },
            worker.StepStatuses(runId));
        Assert.Equal(["inputs", "break", "report"], worker.Published<RunStepStarted>().Where(m => m.RunId == runId).Select(m => m.StepId));
        Assert.Single(worker.Outcomes(runId));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Should_say_whether_another_attempt_may_succeed(bool retryable)
    {
        await using var worker = await LaneWorkerHarness.StartAsync();

        var runId = await worker.Execute(Steps.Fail("break", retryable), Steps.Echo("report", RunPhases.Summarize));

        var failed = await worker.WaitForPublished<RunFailed>(m => m.RunId == runId);
        Assert.Equal(retryable, failed.Retryable);
        Assert.Equal("break", failed.StepId);
        Assert.Equal(1, failed.Attempt);
    }
}

public sealed class When_the_plan_is_invalid
{
    [Fact]
    public async Task Should_fail_for_good_on_an_unknown_action_without_running_a_step()
    {
        await using var worker = await LaneWorkerHarness.StartAsync();

        var runId = await worker.Execute(
            Steps.Echo("inputs", RunPhases.Validate),
            Steps.Step("mystery", RunPhases.Action, "teleport"),
            Steps.Echo("report", RunPhases.Summarize));

        var failed = await worker.WaitForPublished<RunFailed>(m => m.RunId == runId);
        Assert.False(failed.Retryable);
        Assert.Equal("mystery", failed.StepId);
        Assert.Contains("unknown action 'teleport'", failed.Error);
        Assert.DoesNotContain(worker.Published<RunStepStarted>(), m => m.RunId == runId);
        Assert.DoesNotContain(worker.Published<RunStepFinished>(), m => m.RunId == runId);
    }

    [Fact]
    public async Task Should_fail_for_good_on_an_unknown_phase_without_running_a_step()
    {
        await using var worker = await LaneWorkerHarness.StartAsync();

        var runId = await worker.Execute(
            Steps.Echo("inputs", RunPhases.Validate),
            Steps.Echo("celebrate", "afterparty"),
            Steps.Echo("report", RunPhases.Summarize));

        var failed = await worker.WaitForPublished<RunFailed>(m => m.RunId == runId);
        Assert.False(failed.Retryable);
        Assert.Equal("celebrate", failed.StepId);
        Assert.Contains("unknown phase 'afterparty'", failed.Error);
        Assert.DoesNotContain(worker.Published<RunStepStarted>(), m => m.RunId == runId);
        Assert.DoesNotContain(worker.Published<RunStepFinished>(), m => m.RunId == runId);
    }
}

public sealed class When_a_step_outlasts_its_timeout
{
    [Fact]
    public async Task Should_fail_the_run_as_retryable_with_a_timeout_error()
    {
        await using var worker = await LaneWorkerHarness.StartAsync();

        var runId = await worker.Execute(Steps.Sleep("wait", 30, timeoutSeconds: 1), Steps.Echo("report", RunPhases.Summarize));

        var failed = await worker.WaitForPublished<RunFailed>(m => m.RunId == runId, TimeSpan.FromSeconds(10));
        Assert.True(failed.Retryable);
        Assert.Equal("wait", failed.StepId);
        Assert.Contains("timed out after 1 s", failed.Error);
        Assert.Equal("failed", worker.StepStatuses(runId)["wait"]);
        Assert.Equal("succeeded", worker.StepStatuses(runId)["report"]);
    }
}

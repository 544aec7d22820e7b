using OpsBus.Contracts;
using OpsBus.Runbooks.Secrets;

namespace OpsBus.LaneWorker.Tests;

public sealed class When_a_plan_carries_a_secret
{
    private const string Secret = "s3cr3t-Token/\"quoted\"<x>";

    private static readonly string Key = SecretProtector.NewKey();

    private static Dictionary<string, string?> WithKey(string key) => new() { ["Secrets:Key"] = key };

    private static object Envelope(string plain, string? key = null) =>
        SecretEnvelope.Create(SecretProtector.FromBase64(key ?? Key).Seal(plain));

    [Fact]
    public async Task Should_give_the_action_the_plain_value_and_mask_it_in_everything_that_leaves()
    {
        await using var worker = await LaneWorkerHarness.StartAsync(settings: WithKey(Key));

        var runId = await worker.Execute(
            Steps.Step("say", RunPhases.Action, "echo", ("message", Envelope(Secret))),
            Steps.Step("keep", RunPhases.Verify, "test.capture", ("headers", new { Authorization = Envelope("Bearer " + Secret) })),
            Steps.Step("echo-back", RunPhases.Verify, "test.outputs", ("value", Envelope(Secret))));

        await worker.WaitForPublished<RunSucceeded>(m => m.RunId == runId);
        Assert.Equal("Bearer " + Secret, worker.Captured["keep"]["headers"].GetProperty("Authorization").GetString());
        var lines = worker.LogLines(runId);
        Assert.Contains(lines, l => l.Source == "say" && l.Message == SecretEnvelope.Mask);
        Assert.Contains(lines, l => l.Source == "echo-back" && l.Message == "output value = ***");
        Assert.All(worker.EverythingThatLeft(), json => Assert.DoesNotContain("s3cr3t", json));
    }

    [Fact]
    public async Task Should_mask_it_in_the_error_of_a_step_that_fails_with_it()
    {
        await using var worker = await LaneWorkerHarness.StartAsync(settings: WithKey(Key));

        var runId = await worker.Execute(
            Steps.Step("break", RunPhases.Action, "fail", ("message", Envelope(Secret))),
            Steps.Step("throw", RunPhases.Summarize, "test.throw", ("message", Envelope("other-" + Secret))));

        var failed = await worker.WaitForPublished<RunFailed>(m => m.RunId == runId);
        Assert.Equal(SecretEnvelope.Mask, failed.Error);
        await worker.WaitForPublished<RunStepFinished>(m => m.RunId == runId && m.StepId == "throw");
        var finished = worker.Published<RunStepFinished>().Where(m => m.RunId == runId).ToDictionary(m => m.StepId);
        Assert.Equal(SecretEnvelope.Mask, finished["break"].Error);
        Assert.Equal("Step 'throw' threw InvalidOperationException: ***", finished["throw"].Error);
        Assert.All(worker.EverythingThatLeft(), json => Assert.DoesNotContain("s3cr3t", json));
    }

    [Fact]
    public async Task Should_fail_for_good_on_a_worker_without_a_key()
    {
        await using var worker = await LaneWorkerHarness.StartAsync();

        var runId = await worker.Execute(Steps.Step("say", RunPhases.Action, "echo", ("message", Envelope(Secret))));

        var failed = await worker.WaitForPublished<RunFailed>(m => m.RunId == runId);
        Assert.False(failed.Retryable);
        Assert.Equal("say", failed.StepId);
        Assert.Contains("this worker has no Secrets:Key configured", failed.Error);
    }

    [Fact]
    public async Task Should_fail_for_good_on_a_secret_sealed_with_another_key()
    {
        await using var worker = await LaneWorkerHarness.StartAsync(settings: WithKey(Key));

        var runId = await worker.Execute(Steps.Step("say", RunPhases.Action, "echo", ("message", Envelope(Secret, SecretProtector.NewKey()))));

        var failed = await worker.WaitForPublished<RunFailed>(m => m.RunId == runId);
        Assert.False(failed.Retryable);
        Assert.Contains("secret in input 'message' could not be opened", failed.Error);
        Assert.All(worker.EverythingThatLeft(), json => Assert.DoesNotContain("s3cr3t", json));
    }
}

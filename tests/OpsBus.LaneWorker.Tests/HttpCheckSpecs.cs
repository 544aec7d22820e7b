using OpsBus.Contracts;

namespace OpsBus.LaneWorker.Tests;

public sealed class When_a_plan_checks_an_http_endpoint
{
    [Fact]
    public async Task Should_succeed_when_the_endpoint_answers_as_expected()
    {
        await using var server = await StatusServer.StartAsync();
        await using var worker = await LaneWorkerHarness.StartAsync();

        var runId = await worker.Execute(Steps.HttpCheck("ping", server.Status(200)));

        await worker.WaitForPublished<RunSucceeded>(m => m.RunId == runId);
        Assert.Equal("succeeded", worker.StepStatuses(runId)["ping"]);
        Assert.Contains(worker.Published<RunLogAppended>().Where(m => m.RunId == runId).SelectMany(m => m.Lines),
            line => line.Source == "ping" && line.Message.EndsWith("→ 200", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_fail_retryably_on_a_server_error()
    {
        await using var server = await StatusServer.StartAsync();
        await using var worker = await LaneWorkerHarness.StartAsync();

        var runId = await worker.Execute(Steps.HttpCheck("ping", server.Status(503), expectStatus: 200));

        var failed = await worker.WaitForPublished<RunFailed>(m => m.RunId == runId);
        Assert.True(failed.Retryable);
        Assert.Equal("ping", failed.StepId);
        Assert.Contains("expected HTTP 200, got 503", failed.Error);
    }

    [Fact]
    public async Task Should_fail_for_good_on_a_client_error()
    {
        await using var server = await StatusServer.StartAsync();
        await using var worker = await LaneWorkerHarness.StartAsync();

        var runId = await worker.Execute(Steps.HttpCheck("ping", server.Status(404)));

        var failed = await worker.WaitForPublished<RunFailed>(m => m.RunId == runId);
        Assert.False(failed.Retryable);
        Assert.Equal("ping", failed.StepId);
        Assert.Contains("expected HTTP 200, got 404", failed.Error);
    }
}

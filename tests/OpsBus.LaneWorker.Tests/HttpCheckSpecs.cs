using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OpsBus.Contracts;
using OpsBus.Testing;

namespace OpsBus.LaneWorker.Tests;

public sealed class When_a_plan_checks_an_http_endpoint
{
    /// <summary>A server where <c>GET /status/{code}</c> answers with that status code.</summary>
    private static Task<FakeHttpServer> StartServer() =>
        FakeHttpServer.StartAsync(app => app.MapGet("/status/{code:int}", (int code) => Results.StatusCode(code)));

    [Fact]
    public async Task Should_succeed_when_the_endpoint_answers_as_expected()
    {
        await using var server = await StartServer();
        await using var worker = await LaneWorkerHarness.StartAsync();

        var runId = await worker.Execute(Steps.HttpCheck("ping", server.Url("/status/200")));

        await worker.WaitForPublished<RunSucceeded>(m => m.RunId == runId);
        Assert.Equal("succeeded", worker.StepStatuses(runId)["ping"]);
        Assert.Contains(worker.Published<RunLogAppended>().Where(m => m.RunId == runId).SelectMany(m => m.Lines),
            line => line.Source == "ping" && line.Message.EndsWith("→ 200", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_fail_retryably_on_a_server_error()
    {
        await using var server = await StartServer();
        await using var worker = await LaneWorkerHarness.StartAsync();

        var runId = await worker.Execute(Steps.HttpCheck("ping", server.Url("/status/503"), expectStatus: 200));

        var failed = await worker.WaitForPublished<RunFailed>(m => m.RunId == runId);
        Assert.True(failed.Retryable);
        Assert.Equal("ping", failed.StepId);
        Assert.Contains("expected HTTP 200, got 503", failed.Error);
    }

    [Fact]
    public async Task Should_fail_for_good_on_a_client_error()
    {
        await using var server = await StartServer();
        await using var worker = await LaneWorkerHarness.StartAsync();

        var runId = await worker.Execute(Steps.HttpCheck("ping", server.Url("/status/404")));

        var failed = await worker.WaitForPublished<RunFailed>(m => m.RunId == runId);
        Assert.False(failed.Retryable);
        Assert.Equal("ping", failed.StepId);
        Assert.Contains("expected HTTP 200, got 404", failed.Error);
    }
}

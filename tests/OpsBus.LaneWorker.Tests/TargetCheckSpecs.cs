using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OpsBus.Contracts;
using OpsBus.Testing;

namespace OpsBus.LaneWorker.Tests;

public sealed class When_a_plan_checks_a_configured_target
{
    [Fact]
    public async Task Should_resolve_the_base_url_from_configuration_whatever_the_case_and_report_it()
    {
        await using var server = await FakeHttpServer.StartAsync(app => app.MapGet("/app/healthz", () => Results.Ok()));
        await using var worker = await LaneWorkerHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["LaneWorker:Targets:Staging:Api"] = server.Url("/app/"),
        });

        var runId = await worker.Execute(
            Steps.Step("probe", RunPhases.Verify, "target.check", ("environment", "staging"), ("service", "API"), ("path", "/healthz")),
            Steps.Step("keep", RunPhases.Summarize, "test.capture",
                ("url", "${{ steps.probe.outputs.url }}"), ("status", "${{ steps.probe.outputs.status }}"), ("latency", "${{ steps.probe.outputs.latencyMs }}")));

        await worker.WaitForPublished<RunSucceeded>(m => m.RunId == runId);
        Assert.Single(server.RequestsTo("/app/healthz"));
        var outputs = worker.Captured["keep"];
        Assert.Equal(server.Url("/app/healthz"), outputs["url"].GetString());
        Assert.Equal("200", outputs["status"].GetString());
        Assert.True(long.TryParse(outputs["latency"].GetString(), out var latency) && latency >= 0);
    }

    [Fact]
    public async Task Should_fail_for_good_when_the_status_is_not_the_expected_one()
    {
        await using var server = await FakeHttpServer.StartAsync(app => app.MapGet("/health", () => Results.StatusCode(418)));
        await using var worker = await LaneWorkerHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["LaneWorker:Targets:staging:web"] = server.BaseAddress.ToString(),
        });

        var runId = await worker.Execute(Steps.Step("probe", RunPhases.Verify, "target.check", ("environment", "staging"), ("service", "web")));

        var failed = await worker.WaitForPublished<RunFailed>(m => m.RunId == runId);
        Assert.False(failed.Retryable);
        Assert.Equal($"GET {server.Url("/health")}: expected HTTP 200, got 418", failed.Error);
    }

    [Fact]
    public async Task Should_fail_for_good_naming_the_setting_to_add_when_the_target_is_unknown()
    {
        await using var worker = await LaneWorkerHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["LaneWorker:Targets:staging:api"] = "http://127.0.0.1:9/",
        });

        var runId = await worker.Execute(Steps.Step("probe", RunPhases.Verify, "target.check", ("environment", "production"), ("service", "api")));

        var failed = await worker.WaitForPublished<RunFailed>(m => m.RunId == runId);
        Assert.False(failed.Retryable);
        Assert.Contains("set LaneWorker:Targets:production:api to its base URL", failed.Error);
    }
}

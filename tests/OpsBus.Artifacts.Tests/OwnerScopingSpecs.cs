using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OpsBus.Artifacts.Api;

namespace OpsBus.Artifacts.Tests;

public sealed class When_someone_other_than_the_runs_owner_asks
{
    [Fact]
    public async Task Should_hide_the_run_and_its_artifacts_from_another_operator_but_show_them_to_an_auditor()
    {
        await using var host = await ArtifactsHost.StartAsync();
        var runId = await host.RunOf("alice");
        var stored = await Uploads.Stored(await Uploads.Raw(host.As("alice:operator"), runId, "secret.txt", Encoding.UTF8.GetBytes("alice only")));
        var bob = host.As("bob:operator");
        var auditor = host.As("audrey:auditor");

        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/api/runs/{runId}/artifacts")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/api/artifacts/{stored.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/api/artifacts/{stored.Id}/content")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/api/runs/{runId}/artifacts.zip")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Uploads.Raw(bob, runId, "x.txt", [1])).StatusCode);

        Assert.Equal([stored], await auditor.GetFromJsonAsync<List<ArtifactResponse>>($"/api/runs/{runId}/artifacts"));
        Assert.Equal("alice only", await auditor.GetStringAsync($"/api/artifacts/{stored.Id}/content"));
        Assert.Equal(HttpStatusCode.Forbidden, (await Uploads.Raw(auditor, runId, "x.txt", [1])).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.As(null).GetAsync($"/api/artifacts/{stored.Id}")).StatusCode);
    }

    [Fact]
    public async Task Should_let_only_admins_and_workers_add_to_a_run_it_has_not_heard_of_and_show_those_to_the_owner_once_it_has()
    {
        await using var host = await ArtifactsHost.StartAsync();
        var unknownRun = Guid.NewGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await Uploads.Raw(host.As("alice:operator"), unknownRun, "x.txt", [1])).StatusCode);
        var fromWorker = await Uploads.Stored(await Uploads.Raw(host.As("lane-a:worker"), unknownRun, "early.txt", [1]));
        await Uploads.Stored(await Uploads.Raw(host.As("root:admin"), unknownRun, "admin.txt", [2]));
        Assert.Equal(HttpStatusCode.NotFound, (await host.As("alice:operator").GetAsync($"/api/artifacts/{fromWorker.Id}")).StatusCode);

        await host.Services.GetRequiredService<MassTransit.IBus>().Publish(new Contracts.RunRequested(unknownRun, null, RequestedBy: "alice"));
        await Testing.Eventually.True(
            async () => (await host.As("alice:operator").GetAsync($"/api/artifacts/{fromWorker.Id}")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(10), "alice sees the worker's artifact of her run");
        Assert.Equal("lane-a", fromWorker.CreatedBy);
    }
}

public sealed class When_the_owner_asks_before_the_run_request_arrives
{
    [Fact]
    public async Task Should_learn_the_owner_from_the_orchestrator_and_still_hide_the_run_from_others()
    {
        await using var host = await ArtifactsHost.StartAsync();
        var runId = Guid.NewGuid();
        host.Orchestrator.KnowsAccepted(runId, "alice");
        var alice = host.As("alice:operator");

        Assert.Empty(await alice.GetFromJsonAsync<List<ArtifactResponse>>($"/api/runs/{runId}/artifacts") ?? throw new InvalidOperationException());
        var stored = await Uploads.Stored(await Uploads.Raw(alice, runId, "notes.txt", Encoding.UTF8.GetBytes("mine")));

        Assert.Equal("mine", await alice.GetStringAsync($"/api/artifacts/{stored.Id}/content"));
        Assert.Equal("alice", await host.Query(db => db.Runs.Where(r => r.RunId == runId).Select(r => r.Owner).SingleAsync()));
        Assert.Equal([runId], host.Orchestrator.Requests);
        Assert.Equal(HttpStatusCode.NotFound, (await host.As("bob:operator").GetAsync($"/api/runs/{runId}/artifacts")).StatusCode);
        Assert.Equal([runId], host.Orchestrator.Requests);
    }

    [Fact]
    public async Task Should_answer_404_for_a_run_the_orchestrator_does_not_know_and_ask_nothing_for_an_admin()
    {
        await using var host = await ArtifactsHost.StartAsync();
        var unknownRun = Guid.NewGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await host.As("alice:operator").GetAsync($"/api/runs/{unknownRun}/artifacts")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.As("alice:operator").GetAsync($"/api/runs/{unknownRun}/artifacts.zip")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.As("root:admin").GetAsync($"/api/runs/{unknownRun}/artifacts")).StatusCode);

        Assert.Equal([unknownRun, unknownRun], host.Orchestrator.Requests);
    }

    [Fact]
    public async Task Should_answer_503_with_retry_after_while_the_orchestrator_is_silent()
    {
        await using var host = await ArtifactsHost.StartAsync(new Dictionary<string, string?> { ["Artifacts:OrchestratorTimeout"] = "00:00:00.300" });
        host.Orchestrator.Silent = true;
        var runId = Guid.NewGuid();
        host.Orchestrator.KnowsAccepted(runId, "alice");

        using var response = await host.As("alice:operator").GetAsync($"/api/runs/{runId}/artifacts");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Uploads.Raw(host.As("alice:operator"), runId, "x.txt", [1])).StatusCode);
        Assert.Empty(host.ContentFiles());
    }
}

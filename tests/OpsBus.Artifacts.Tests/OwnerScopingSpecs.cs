using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text;
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

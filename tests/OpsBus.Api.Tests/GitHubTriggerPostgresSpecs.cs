using Microsoft.EntityFrameworkCore;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Triggers;
using OpsBus.Testing;
using static OpsBus.Api.Tests.GitHubDeliveries;

namespace OpsBus.Api.Tests;

/// <summary>The trigger tables and the unique keys redelivery relies on, on real PostgreSQL.</summary>
[Trait("Category", "Integration")]
public sealed class When_deliveries_reach_an_orchestrator_on_postgresql
{
    [Fact]
    public async Task Should_request_one_run_for_copies_of_a_delivery_and_record_its_trigger()
    {
        await using var database = await TestPostgres.CreateAsync();
        await using var api = await StartWithTemplateAsync(postgres: database.ConnectionString);
        var rule = await api.CreateTrigger(new { name = "push", repository = "acme/*", @event = "push", template = "ci-check", @params = new { repo = "${{ github.repo }}", sha = "${{ github.sha }}" } });
        var consumed = ConsumedMessages<HandleGitHubDelivery>.Observe(api);
        var delivery = Guid.NewGuid().ToString();

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => api.Deliver("push", Push(), delivery)));
        await Eventually.True(() => Task.FromResult(consumed.Count == 3), TimeSpan.FromSeconds(20), "the three copies consumed");

        var run = Assert.Single(await api.RunsOf(delivery));
        var finished = await api.As("root:admin").WaitForFinish(run.Id, RunStatuses.Succeeded);
        Assert.Equal(new RunTrigger("push", delivery, "acme/shop", "refs/heads/main", Sha, rule), finished.Trigger);
        Assert.Equal(1, await api.Query(db => db.TriggerEvaluations.CountAsync(e => e.DeliveryId == delivery)));
        var evaluation = Assert.Single((await api.As("root:admin").Get<TriggerDeliveryPage>($"/api/triggers/{rule}/deliveries")).Items);
        Assert.Equal(run.Id, evaluation.RunId);
    }
}

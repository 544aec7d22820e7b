using System.Net;
using OpsBus.Orchestrator.Specs;
using OpsBus.Testing;

namespace OpsBus.Api.Tests;

/// <summary>Spec documents on real PostgreSQL: two orchestrators racing to write the next version of one document.</summary>
[Trait("Category", "Integration")]
public sealed class When_spec_documents_live_in_postgresql
{
    [Fact]
    public async Task Should_let_one_of_two_racing_writes_win_and_keep_a_gapless_history()
    {
        await using var database = await TestPostgres.CreateAsync();
        await using var first = await ApiHost.StartAsync(database.ConnectionString);
        await using var second = await ApiHost.StartAsync(database.ConnectionString);
        const string url = "/api/spec-docs/deploy-freeze/prd";
        (await first.As("alice:operator").Send(HttpMethod.Put, url, new { title = "PRD", content = "v1" })).Dispose();

        var racing = await Task.WhenAll(
            first.As("alice:operator").Send(HttpMethod.Put, url, new { title = "PRD", content = "from the first" }),
            second.As("bob:operator").Send(HttpMethod.Put, url, new { title = "PRD", content = "from the second" }));
        var statuses = racing.Select(r => r.StatusCode).Order().ToList();
        foreach (var response in racing)
            response.Dispose();

        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Contains(statuses[1], new[] { HttpStatusCode.OK, HttpStatusCode.Conflict });
        var versions = await first.As("alice:operator").Get<SpecDocVersionList>($"{url}/versions");
        Assert.Equal(Enumerable.Range(1, statuses.Count(s => s == HttpStatusCode.OK) + 1).Reverse(), versions.Items.Select(v => v.Version));
        var latest = await second.As("bob:operator").Get<SpecDocView>(url);
        Assert.Equal(versions.Items[0].Version, latest.Version);
    }
}

using System.Net;
using OpsBus.Contracts;
using OpsBus.Testing;

namespace OpsBus.Api.Tests;

/// <summary>The queries whose SQL differs by provider (text search, cursor, lane arrays), on real PostgreSQL.</summary>
[Trait("Category", "Integration")]
public sealed class When_the_api_runs_on_postgresql
{
    [Fact]
    public async Task Should_filter_search_and_page_runs_and_serve_sessions()
    {
        await using var database = await TestPostgres.CreateAsync();
        await using var api = await ApiHost.StartAsync(database.ConnectionString);
        var alice = api.As("alice:operator");
        var session = await alice.Get<SessionResponse>(await When_runs_are_listed.CreateSession(alice, new { name = "Release", lanes = new[] { "A", "b" } }));
        var staging = await alice.Submit(Plans.Echo(environment: "staging"));
        var failing = await alice.Submit(Plans.Fail("disk FULL on db-7"));
        var inSession = await alice.Submit(Plans.Echo(lane: "B", sessionId: session.Id));
        await api.As("bob:operator").Submit(Plans.Echo("not alice's"));
        await alice.WaitForStatus(failing.Id, RunStatuses.Failed);
        await alice.WaitForStatus(inSession.Id, RunStatuses.Succeeded);
        await When_runs_are_listed.WaitForListed(alice, "/api/runs?status=succeeded", 2);

        Assert.Equal([failing.Id], await Ids(alice, "/api/runs?q=Disk%20Full"));
        Assert.Equal([staging.Id], await Ids(alice, "/api/runs?q=" + staging.Id.ToString()[..23].ToUpperInvariant()));
        Assert.Equal([inSession.Id], await Ids(alice, $"/api/runs?sessionId={session.Id}&lane=b"));
        var first = await alice.Get<RunPage>("/api/runs?limit=2");
        var second = await alice.Get<RunPage>("/api/runs?limit=2&cursor=" + Uri.EscapeDataString(first.NextCursor!));
        Assert.Equal([inSession.Id, failing.Id, staging.Id], first.Items.Concat(second.Items).Select(r => r.Id));
        Assert.Null(second.NextCursor);

        var details = await alice.Get<SessionResponse>($"/api/sessions/{session.Id}");
        Assert.Equal(["A", "b"], details.Lanes);
        Assert.Equal([(0, (Guid?)null), (0, null)], details.LaneStates!.Select(l => (l.Queued, l.ActiveRun?.Id)));
        using var again = await alice.Post("/api/runs", Plans.Echo(), idempotencyKey: "k");
        using var replay = await alice.Post("/api/runs", Plans.Echo(), idempotencyKey: "k");
        using var reused = await alice.Post("/api/runs", Plans.Echo("other"), idempotencyKey: "k");
        Assert.Equal(await again.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        await ApiClient.ExpectProblem(reused, HttpStatusCode.UnprocessableEntity);
    }

    private static async Task<IReadOnlyList<Guid>> Ids(ApiClient client, string url) =>
        (await client.Get<RunPage>(url)).Items.Select(r => r.Id).ToList();
}

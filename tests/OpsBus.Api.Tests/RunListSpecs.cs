using OpsBus.Contracts;
using OpsBus.Testing;

namespace OpsBus.Api.Tests;

public sealed class When_runs_are_listed
{
    [Fact]
    public async Task Should_page_newest_first_with_a_cursor()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");
        var submitted = new List<Guid>();
        for (var i = 0; i < 5; i++)
            submitted.Add((await alice.Submit(Plans.Echo($"run {i}"))).Id);
        await api.As("bob:operator").Submit(Plans.Echo("not alice's"));
        var everything = await WaitForListed(alice, "/api/runs", 5);

        var pages = new List<RunPage>();
        string? cursor = null;
        do
        {
            var page = await alice.Get<RunPage>("/api/runs?limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            pages.Add(page);
            cursor = page.NextCursor;
        }
        while (cursor is not null && pages.Count < 10);

        Assert.Equal([2, 2, 1], pages.Select(p => p.Items.Count));
        Assert.Equal(Enumerable.Reverse(submitted), pages.SelectMany(p => p.Items).Select(r => r.Id));
        Assert.Equal(everything.Items.Select(r => r.Id), pages.SelectMany(p => p.Items).Select(r => r.Id));
        Assert.All(pages.SelectMany(p => p.Items), r => Assert.Equal("alice", r.RequestedBy));
    }

    [Fact]
    public async Task Should_filter_by_status_lane_session_and_text()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");
        var session = await alice.Get<SessionResponse>(await CreateSession(alice));
        var staging = await alice.Submit(Plans.Echo(environment: "staging"));
        var production = await alice.Submit(Plans.Echo(lane: "B", environment: "Production-EU"));
        var failing = await alice.Submit(Plans.Fail("disk FULL on db-7"));
        var inSession = await alice.Submit(Plans.Echo(lane: "C", sessionId: session.Id));
        await alice.WaitForStatus(failing.Id, RunStatuses.Failed);
        await alice.WaitForStatus(inSession.Id, RunStatuses.Succeeded);
        await WaitForListed(alice, "/api/runs?status=succeeded", 3);

        Assert.Equal([failing.Id], await Ids(alice, "/api/runs?status=failed"));
        Assert.Equal([inSession.Id, failing.Id], await Ids(alice, "/api/runs?status=failed,succeeded&limit=2"));
        Assert.Equal([production.Id], await Ids(alice, "/api/runs?lane=B"));
        Assert.Equal([inSession.Id], await Ids(alice, $"/api/runs?sessionId={session.Id}"));
        Assert.Empty(await Ids(alice, "/api/runs?template=restart-service"));
        Assert.Equal([production.Id], await Ids(alice, "/api/runs?q=production"));
        Assert.Equal([failing.Id], await Ids(alice, "/api/runs?q=Disk%20Full"));
        Assert.Equal([staging.Id], await Ids(alice, "/api/runs?q=" + staging.Id.ToString()[..23].ToUpperInvariant()));
        Assert.Equal([staging.Id], await Ids(alice, "/api/runs?q=STAG&status=succeeded&lane=A"));
    }

    internal static async Task<string> CreateSession(ApiClient client, object? body = null)
    {
        using var response = await client.Post("/api/sessions", body ?? new { name = "Release 42" });
        await ApiClient.Expect(response, System.Net.HttpStatusCode.Created);
        return response.Headers.Location!.OriginalString;
    }

    internal static Task<RunPage> WaitForListed(ApiClient client, string url, int count) =>
        Eventually.Get(async () =>
        {
            var page = await client.Get<RunPage>(url);
            return page.Items.Count >= count ? page : null;
        }, TimeSpan.FromSeconds(30), $"{count} runs at {url}");

    private static async Task<IReadOnlyList<Guid>> Ids(ApiClient client, string url) =>
        (await client.Get<RunPage>(url)).Items.Select(r => r.Id).ToList();
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using OpsBus.Contracts;

namespace OpsBus.Api.Tests;

public sealed class When_a_run_request_is_repeated_with_an_idempotency_key
{
    [Fact]
    public async Task Should_answer_with_the_same_run_and_body()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");

        using var first = await alice.Post("/api/runs", Plans.Echo(), idempotencyKey: "deploy-42");
        await ApiClient.Expect(first, HttpStatusCode.Accepted);
        var firstBody = await first.Content.ReadAsStringAsync();
        var run = System.Text.Json.JsonSerializer.Deserialize<RunSnapshot>(firstBody, ApiClient.Json)!;
        await alice.WaitForStatus(run.Id, RunStatuses.Succeeded);
        using var again = await alice.Post("/api/runs", Plans.Echo(), idempotencyKey: "deploy-42");

        await ApiClient.Expect(again, HttpStatusCode.Accepted);
        Assert.Equal(firstBody, await again.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(1, await api.Query(db => db.Runs.CountAsync()));
    }

    [Fact]
    public async Task Should_record_a_new_key_in_one_statement_and_find_a_repeated_one_by_its_unique_index()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");
        var key = "deploy-" + Guid.NewGuid().ToString("N");
        using var statements = StatementsCarrying.Start("run_requests", key);

        var first = await alice.Submit(Plans.Echo(), idempotencyKey: key);
        var afterFirst = statements.Verbs;
        var again = await alice.Submit(Plans.Echo(), idempotencyKey: key);

        Assert.Equal(["INSERT"], afterFirst);
        // The repeated request's INSERT records nothing (ON CONFLICT DO NOTHING); only then is the first one looked up.
        Assert.Equal(["INSERT", "INSERT", "SELECT"], statements.Verbs);
        Assert.Equal(first.Id, again.Id);
    }

    [Fact]
    public async Task Should_answer_a_repeated_request_as_before_after_its_session_was_archived()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");
        await When_runs_are_listed.CreateSession(alice, new { id = "sprint-9", name = "Sprint 9" });
        var first = await alice.Submit(Plans.Echo(sessionId: "sprint-9"), idempotencyKey: "in-session");
        await alice.WaitForStatus(first.Id, RunStatuses.Succeeded);
        using (var archive = await alice.Post("/api/sessions/sprint-9/archive"))
            await ApiClient.Expect(archive, HttpStatusCode.OK);

        var again = await alice.Submit(Plans.Echo(sessionId: "sprint-9"), idempotencyKey: "in-session");
        using var fresh = await alice.Post("/api/runs", Plans.Echo(sessionId: "sprint-9"), idempotencyKey: "another");

        Assert.Equal(first.Id, again.Id);
        await ApiClient.ExpectProblem(fresh, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Should_answer_422_when_the_key_comes_with_another_request()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");
        await alice.Submit(Plans.Echo("hello"), idempotencyKey: "deploy-42");

        using var response = await alice.Post("/api/runs", Plans.Echo("goodbye"), idempotencyKey: "deploy-42");

        await ApiClient.ExpectProblem(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(1, await api.Query(db => db.RunRequests.CountAsync()));
    }

    [Fact]
    public async Task Should_create_one_run_for_concurrent_duplicates()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => alice.Submit(Plans.Echo(), idempotencyKey: "once")));

        var id = Assert.Single(answers.Select(a => a.Id).Distinct());
        await alice.WaitForStatus(id, RunStatuses.Succeeded);
        Assert.Equal(1, await api.Query(db => db.RunRequests.CountAsync()));
        Assert.Equal(1, await api.Query(db => db.Runs.CountAsync()));
    }

    [Fact]
    public async Task Should_keep_the_keys_of_different_callers_apart()
    {
        await using var api = await ApiHost.StartAsync();

        var alices = await api.As("alice:operator").Submit(Plans.Echo(), idempotencyKey: "nightly");
        var bobs = await api.As("bob:operator").Submit(Plans.Echo(), idempotencyKey: "nightly");

        Assert.NotEqual(alices.Id, bobs.Id);
        Assert.Equal("bob", bobs.RequestedBy);
    }

    [Fact]
    public async Task Should_create_a_new_run_for_each_request_without_a_key()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");

        var first = await alice.Submit(Plans.Echo());
        var second = await alice.Submit(Plans.Echo());

        Assert.NotEqual(first.Id, second.Id);
    }
}

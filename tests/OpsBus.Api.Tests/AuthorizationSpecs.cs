using System.Net;
using OpsBus.Contracts;

namespace OpsBus.Api.Tests;

public sealed class When_the_caller_is_not_authenticated
{
    [Theory]
    [InlineData("POST", "/api/runs")]
    [InlineData("GET", "/api/runs")]
    [InlineData("GET", "/api/runs/00000000-0000-0000-0000-000000000001")]
    [InlineData("POST", "/api/runs/00000000-0000-0000-0000-000000000001/cancel")]
    [InlineData("POST", "/api/runs/00000000-0000-0000-0000-000000000001/retry")]
    [InlineData("GET", "/api/runs/00000000-0000-0000-0000-000000000001/events")]
    [InlineData("POST", "/api/sessions")]
    [InlineData("GET", "/api/sessions")]
    [InlineData("GET", "/api/sessions/release-1")]
    [InlineData("POST", "/api/sessions/release-1/archive")]
    public async Task Should_answer_401(string method, string url)
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.As(null).Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

public sealed class When_an_operator_reaches_for_another_operators_run
{
    [Fact]
    public async Task Should_answer_404_as_if_it_did_not_exist()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");
        var bob = api.As("bob:operator");
        var run = await alice.Submit(Plans.Echo());
        await alice.WaitForStatus(run.Id, RunStatuses.Succeeded);

        using var read = await bob.Get($"/api/runs/{run.Id}");
        using var events = await bob.Get($"/api/runs/{run.Id}/events");
        using var cancel = await bob.Post($"/api/runs/{run.Id}/cancel");
        using var retry = await bob.Post($"/api/runs/{run.Id}/retry");
        var bobsList = await bob.Get<RunPage>("/api/runs");

        await ApiClient.ExpectProblem(read, HttpStatusCode.NotFound);
        await ApiClient.ExpectProblem(events, HttpStatusCode.NotFound);
        await ApiClient.ExpectProblem(cancel, HttpStatusCode.NotFound);
        await ApiClient.ExpectProblem(retry, HttpStatusCode.NotFound);
        Assert.Empty(bobsList.Items);
    }

    [Fact]
    public async Task Should_answer_404_for_a_run_that_does_not_exist_or_is_not_an_id()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");

        using var unknown = await alice.Get($"/api/runs/{Guid.NewGuid()}");
        using var notAnId = await alice.Get("/api/runs/not-a-run");

        await ApiClient.ExpectProblem(unknown, HttpStatusCode.NotFound);
        await ApiClient.ExpectProblem(notAnId, HttpStatusCode.NotFound);
    }
}

public sealed class When_an_auditor_uses_the_api
{
    [Fact]
    public async Task Should_see_every_run()
    {
        await using var api = await ApiHost.StartAsync();
        var aliceRun = await api.As("alice:operator").Submit(Plans.Echo());
        var bobRun = await api.As("bob:approver").Submit(Plans.Echo());
        var auditor = api.As("carol:auditor");

        var read = await auditor.WaitForStatus(aliceRun.Id, RunStatuses.Succeeded);
        await auditor.WaitForStatus(bobRun.Id, RunStatuses.Succeeded);
        var all = await auditor.Get<RunPage>("/api/runs");
        var events = await auditor.Get<RunEventPage>($"/api/runs/{bobRun.Id}/events");

        Assert.Equal("alice", read.RequestedBy);
        Assert.Equal([bobRun.Id, aliceRun.Id], all.Items.Select(r => r.Id));
        Assert.NotNull(events);
    }

    [Fact]
    public async Task Should_be_forbidden_to_change_anything()
    {
        await using var api = await ApiHost.StartAsync();
        var run = await api.As("alice:operator").Submit(Plans.Sleep(30));
        var auditor = api.As("carol:auditor");

        using var create = await auditor.Post("/api/runs", Plans.Echo());
        using var cancel = await auditor.Post($"/api/runs/{run.Id}/cancel");
        using var retry = await auditor.Post($"/api/runs/{run.Id}/retry");
        using var session = await auditor.Post("/api/sessions", new { name = "audit" });

        await ApiClient.ExpectProblem(create, HttpStatusCode.Forbidden);
        await ApiClient.ExpectProblem(cancel, HttpStatusCode.Forbidden);
        await ApiClient.ExpectProblem(retry, HttpStatusCode.Forbidden);
        await ApiClient.ExpectProblem(session, HttpStatusCode.Forbidden);
        await auditor.WaitForStatus(run.Id, RunStatuses.Running);
    }

    private sealed record RunEventPage(IReadOnlyList<object> Items);
}

public sealed class When_an_admin_uses_the_api
{
    [Fact]
    public async Task Should_see_and_cancel_anyones_run()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");
        var admin = api.As("root:admin");
        var run = await alice.Submit(Plans.Sleep(30));
        await admin.WaitForStatus(run.Id, RunStatuses.Running);

        using var cancel = await admin.Post($"/api/runs/{run.Id}/cancel");

        await ApiClient.Expect(cancel, HttpStatusCode.Accepted);
        await alice.WaitForStatus(run.Id, RunStatuses.Cancelled);
    }
}

using System.Net;
using System.Net.Http.Json;
using OpsBus.Contracts;

namespace OpsBus.Api.Tests;

public sealed class When_an_operator_cancels_a_run
{
    [Fact]
    public async Task Should_accept_and_end_it_cancelled_while_it_sleeps()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");
        var run = await alice.Submit(Plans.Sleep(60));
        await alice.WaitForStatus(run.Id, RunStatuses.Running);

        using var response = await alice.Post($"/api/runs/{run.Id}/cancel", new { reason = "wrong target" });

        await ApiClient.Expect(response, HttpStatusCode.Accepted);
        Assert.Equal($"/api/runs/{run.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(run.Id, (await response.Content.ReadFromJsonAsync<RunSnapshot>(ApiClient.Json))!.Id);
        var cancelled = await alice.WaitForStatus(run.Id, RunStatuses.Cancelled, seconds: 20);
        Assert.Contains("wrong target", cancelled.Error);
    }

    [Fact]
    public async Task Should_cancel_a_run_accepted_a_moment_ago()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");
        var run = await alice.Submit(Plans.Sleep(60));

        using var response = await alice.Post($"/api/runs/{run.Id}/cancel");

        await ApiClient.Expect(response, HttpStatusCode.Accepted);
        await alice.WaitForStatus(run.Id, RunStatuses.Cancelled, seconds: 20);
    }

    [Fact]
    public async Task Should_answer_409_once_the_run_has_finished()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");
        var run = await alice.Submit(Plans.Echo());
        await alice.WaitForStatus(run.Id, RunStatuses.Succeeded);

        using var response = await alice.Post($"/api/runs/{run.Id}/cancel");

        await ApiClient.ExpectProblem(response, HttpStatusCode.Conflict);
        Assert.Equal(RunStatuses.Succeeded, (await alice.GetRun(run.Id)).Status);
    }

    [Fact]
    public async Task Should_answer_404_for_an_unknown_run()
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.As("alice:operator").Post($"/api/runs/{Guid.NewGuid()}/cancel");

        await ApiClient.ExpectProblem(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Should_answer_400_for_a_malformed_reason()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");
        var run = await alice.Submit(Plans.Echo());

        using var response = await alice.PostRaw($"/api/runs/{run.Id}/cancel", """{"reason": 42""");

        Assert.Equal(["reason"], await ApiClient.ExpectInvalidFields(response));
    }
}

public sealed class When_an_operator_retries_a_run
{
    [Fact]
    public async Task Should_start_a_new_run_of_the_same_plan_linked_to_the_original()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");
        var original = await alice.Submit(Plans.Fail("flaky dependency", environment: "staging"));
        await alice.WaitForStatus(original.Id, RunStatuses.Failed);

        using var response = await alice.Post($"/api/runs/{original.Id}/retry");

        await ApiClient.Expect(response, HttpStatusCode.Accepted);
        var retry = (await response.Content.ReadFromJsonAsync<RunSnapshot>(ApiClient.Json))!;
        Assert.NotEqual(original.Id, retry.Id);
        Assert.Equal(original.Id, retry.RetryOf);
        Assert.Equal($"/api/runs/{retry.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(("staging", "A", RunStatuses.Queued), (retry.Environment, retry.Lane, retry.Status));
        Assert.Equal(original.Steps.Select(s => (s.Id, s.Phase, s.Action)), retry.Steps.Select(s => (s.Id, s.Phase, s.Action)));
        var failedAgain = await alice.WaitForStatus(retry.Id, RunStatuses.Failed);
        Assert.Equal(original.Id, failedAgain.RetryOf);
        Assert.Equal("flaky dependency", failedAgain.Error);
    }

    [Fact]
    public async Task Should_answer_409_while_the_original_has_not_finished()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");
        var run = await alice.Submit(Plans.Sleep(60));
        await alice.WaitForStatus(run.Id, RunStatuses.Running);

        using var response = await alice.Post($"/api/runs/{run.Id}/retry");

        await ApiClient.ExpectProblem(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Should_answer_404_for_an_unknown_run()
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.As("alice:operator").Post($"/api/runs/{Guid.NewGuid()}/retry");

        await ApiClient.ExpectProblem(response, HttpStatusCode.NotFound);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpsBus.Contracts;

namespace OpsBus.Api.Tests;

public sealed class When_an_operator_submits_a_plan
{
    [Fact]
    public async Task Should_accept_it_as_queued_with_its_location()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");

        using var response = await alice.Post("/api/runs", Plans.Run(
            [Plans.Step("check", "echo", new { message = "ok" }, phase: "validate"), Plans.Step("greet", "echo", new { message = "hello" })],
            environment: "staging"));

        await ApiClient.Expect(response, HttpStatusCode.Accepted);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("queued", json.GetProperty("status").GetString());
        Assert.True(json.TryGetProperty("requestedBy", out _), "camelCase property names");
        var run = json.Deserialize<RunSnapshot>(ApiClient.Json)!;
        Assert.Equal($"/api/runs/{run.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(("alice", "A", "staging", 0, 3), (run.RequestedBy, run.Lane, run.Environment, run.Attempt, run.MaxAttempts));
        Assert.Equal(["check", "greet"], run.Steps.Select(s => s.Id));
        Assert.All(run.Steps, step => Assert.Equal("pending", step.Status));
    }

    [Fact]
    public async Task Should_run_it_to_succeeded_with_every_step()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");

        var accepted = await alice.Submit(Plans.Run(
        [
            Plans.Step("summary", "echo", new { message = "done" }, phase: "summarize"),
            Plans.Step("check", "echo", new { message = "ok" }, phase: "validate"),
            Plans.Step("greet", "echo", new { message = "hello" }),
        ]));
        var run = await alice.WaitForFinish(accepted.Id, RunStatuses.Succeeded);

        Assert.Equal(["summary", "check", "greet"], run.Steps.Select(s => s.Id));
        Assert.All(run.Steps, step => Assert.Equal("succeeded", step.Status));
        Assert.All(run.Steps, step => Assert.NotNull(step.FinishedAt));
        Assert.Equal(1, run.Attempt);
        Assert.NotNull(run.ClaimedBy);
        Assert.NotNull(run.FinishedAt);
    }

    [Fact]
    public async Task Should_serve_its_log_lines_in_order_page_by_page()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");
        var run = await alice.Submit(Plans.Run(
            [Plans.Step("one", "echo", new { message = "first" }), Plans.Step("two", "echo", new { message = "second" })]));
        await alice.WaitForStatus(run.Id, RunStatuses.Succeeded);

        var all = await OpsBus.Testing.Eventually.Get(async () =>
        {
            var page = await alice.Get<RunEventPage>($"/api/runs/{run.Id}/events");
            return page.Items.Any(e => e.Message == "attempt succeeded") ? page.Items : null;
        }, TimeSpan.FromSeconds(10), "the last log line");

        Assert.Equal(all.Select(e => e.Seq).Order(), all.Select(e => e.Seq));
        var messages = all.Select(e => e.Message).ToList();
        Assert.True(messages.IndexOf("first") < messages.IndexOf("second"), string.Join(" | ", messages));
        Assert.Equal("one", all.Single(e => e.Message == "first").Source);
        Assert.All(all, e => Assert.Equal("info", e.Level));

        var firstTwo = await alice.Get<RunEventPage>($"/api/runs/{run.Id}/events?limit=2");
        var rest = await alice.Get<RunEventPage>($"/api/runs/{run.Id}/events?afterSeq={firstTwo.Items[^1].Seq}");
        Assert.Equal(all.Select(e => e.Seq), firstTwo.Items.Concat(rest.Items).Select(e => e.Seq));
    }

    [Fact]
    public async Task Should_find_it_at_once_without_waiting_for_the_orchestrator()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");

        for (var i = 0; i < 10; i++)
        {
            var accepted = await alice.Submit(Plans.Echo($"hello {i}"));
            using var response = await alice.Get($"/api/runs/{accepted.Id}");
            await ApiClient.Expect(response, HttpStatusCode.OK);
        }
    }

    private sealed record RunEventPage(IReadOnlyList<RunEvent> Items);

    private sealed record RunEvent(long Seq, DateTime Ts, string Level, string Source, string Message, JsonElement? Data);
}

public sealed class When_the_notifier_asks_for_a_run_snapshot
{
    [Fact]
    public async Task Should_get_the_same_snapshot_as_the_api()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");
        var run = await alice.Submit(Plans.Echo());
        var fromApi = await alice.WaitForFinish(run.Id, RunStatuses.Succeeded);

        var response = await api.RequestClient<GetRunSnapshot>().GetResponse<RunSnapshot, RunSnapshotNotFound>(new GetRunSnapshot(run.Id));

        Assert.True(response.Is(out MassTransit.Response<RunSnapshot>? snapshot));
        Assert.Equal(JsonSerializer.Serialize(fromApi, ApiClient.Json), JsonSerializer.Serialize(snapshot.Message, ApiClient.Json));
    }

    [Fact]
    public async Task Should_hear_of_an_unknown_run_that_it_is_not_found()
    {
        await using var api = await ApiHost.StartAsync();
        var unknown = Guid.NewGuid();

        var response = await api.RequestClient<GetRunSnapshot>().GetResponse<RunSnapshot, RunSnapshotNotFound>(new GetRunSnapshot(unknown));

        Assert.True(response.Is(out MassTransit.Response<RunSnapshotNotFound>? notFound));
        Assert.Equal(unknown, notFound.Message.RunId);
    }
}

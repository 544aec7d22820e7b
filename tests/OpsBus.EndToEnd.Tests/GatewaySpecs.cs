using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using OpsBus.Contracts;
using OpsBus.Testing;

namespace OpsBus.EndToEnd.Tests;

[Collection(nameof(DistributedCollection))]
[Trait("Category", "Integration")]
public sealed class When_an_operator_drives_runs_through_the_gateway
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Should_follow_a_run_over_signalr_from_queued_to_succeeded_and_cancel_another_over_http()
    {
        await using var cluster = await DistributedCluster.StartAsync(withEdge: true);
        using var admin = Client(cluster.GatewayUrl, DistributedCluster.AdminKey);
        var created = await admin.PostAsJsonAsync("/api/keys", new { name = "olivia", role = "operator" }, Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var operatorKey = (await created.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("key").GetString()!;
        using var http = Client(cluster.GatewayUrl, operatorKey);

        var updates = Channel.CreateUnbounded<RunSnapshot>();
        var logs = Channel.CreateUnbounded<JsonElement>();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(cluster.GatewayUrl, "/hubs/runs"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(operatorKey))
            .Build();
        hub.On<RunSnapshot>("runUpdated", snapshot => updates.Writer.TryWrite(snapshot));
        hub.On<JsonElement>("runLog", batch => logs.Writer.TryWrite(batch));
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeAll");

        var plan = new
        {
            plan = new
            {
                steps = new object[]
                {
                    new { id = "greet", title = "Say hello", phase = "action", action = "echo", inputs = new { message = "hello from the gateway" } },
                    new { id = "pause", title = "Pause", phase = "action", action = "sleep", inputs = new { seconds = 0.5 } },
                },
            },
            lane = "B",
        };
        var accepted = await http.PostAsJsonAsync("/api/runs", plan, Json);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var runId = (await accepted.Content.ReadFromJsonAsync<RunSnapshot>(Json))!.Id;
        Assert.Equal($"/api/runs/{runId}", accepted.Headers.Location?.OriginalString);

        var statuses = await StatusesUntilSucceeded(updates.Reader, runId);
        Assert.Equal([RunStatuses.Queued, RunStatuses.Claimed, RunStatuses.Running, RunStatuses.Succeeded], statuses);

        var run = await http.GetFromJsonAsync<RunSnapshot>($"/api/runs/{runId}", Json);
        Assert.Equal(RunStatuses.Succeeded, run!.Status);
        Assert.Equal(["greet", "pause"], run.Steps.Select(s => s.Id));
        Assert.All(run.Steps, step => Assert.Equal("succeeded", step.Status));

        var events = await Eventually.Get(async () =>
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/events", Json);
            var items = page.GetProperty("items").EnumerateArray().ToList();
            return items.Any(i => i.GetProperty("message").GetString() == "hello from the gateway") ? items : null;
        }, TimeSpan.FromSeconds(10), "the log line over the API");
        var seqs = events.Select(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(seqs.Order(), seqs);
        Assert.True(logs.Reader.Count > 0, "log lines were pushed over the hub");

        var longRun = await http.PostAsJsonAsync("/api/runs", new
        {
            plan = new { steps = new[] { new { id = "wait", title = "Wait", phase = "action", action = "sleep", inputs = new { seconds = 60 } } } },
        }, Json);
        var longRunId = (await longRun.Content.ReadFromJsonAsync<RunSnapshot>(Json))!.Id;
        await Eventually.True(async () => (await http.GetFromJsonAsync<RunSnapshot>($"/api/runs/{longRunId}", Json))!.Status == RunStatuses.Running,
            TimeSpan.FromSeconds(30), "the long run to be running");
        var cancel = await http.PostAsync($"/api/runs/{longRunId}/cancel", null);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        await Eventually.True(async () => (await http.GetFromJsonAsync<RunSnapshot>($"/api/runs/{longRunId}", Json))!.Status == RunStatuses.Cancelled,
            TimeSpan.FromSeconds(5), "the long run to be cancelled");

        using var anonymous = new HttpClient { BaseAddress = cluster.GatewayUrl };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/runs/{runId}")).StatusCode);
    }

    /// <summary>The distinct statuses the hub pushed for <paramref name="runId"/>, in order, up to <c>succeeded</c>.</summary>
    internal static async Task<List<string>> StatusesUntilSucceeded(ChannelReader<RunSnapshot> updates, Guid runId)
    {
        var statuses = new List<string>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!statuses.Contains(RunStatuses.Succeeded))
        {
            var update = await updates.ReadAsync(deadline.Token);
            if (update.Id == runId && (statuses.Count == 0 || statuses[^1] != update.Status))
                statuses.Add(update.Status);
        }
        return statuses;
    }

    internal static HttpClient Client(Uri baseAddress, string key)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using OpsBus.Contracts;
using OpsBus.Testing;

namespace OpsBus.EndToEnd.Tests;

[Collection(nameof(DistributedCollection))]
[Trait("Category", "Integration")]
public sealed class When_operators_run_runbooks_through_the_gateway
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Should_hold_a_prod_change_for_an_approver_then_run_it_and_run_templates_and_intents()
    {
        await using var cluster = await DistributedCluster.StartAsync(withEdge: true);
        using var admin = When_an_operator_drives_runs_through_the_gateway.Client(cluster.GatewayUrl, DistributedCluster.AdminKey);
        using var olivia = When_an_operator_drives_runs_through_the_gateway.Client(cluster.GatewayUrl, await CreateKey(admin, "olivia", "operator"));
        using var arthur = When_an_operator_drives_runs_through_the_gateway.Client(cluster.GatewayUrl, await CreateKey(admin, "arthur", "approver"));
        var oliviaKey = olivia.DefaultRequestHeaders.Authorization!.Parameter!;

        var updates = Channel.CreateUnbounded<RunSnapshot>();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(cluster.GatewayUrl, "/hubs/runs"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(oliviaKey))
            .Build();
        hub.On<RunSnapshot>("runUpdated", snapshot => updates.Writer.TryWrite(snapshot));
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeAll");

        var accepted = await olivia.PostAsJsonAsync("/api/runs", new
        {
            plan = new { steps = new[] { new { id = "flip", title = "Flip the flag", phase = "action", action = "echo", inputs = new { message = "flag on" } } } },
            environment = "prod",
        }, Json);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var runId = (await accepted.Content.ReadFromJsonAsync<RunSnapshot>(Json))!.Id;
        var waiting = await Eventually.Get(async () => await olivia.GetFromJsonAsync<RunSnapshot>($"/api/runs/{runId}", Json) is
            { Status: RunStatuses.AwaitingApproval } run ? run : null, TimeSpan.FromSeconds(30), "awaiting approval");
        Assert.Equal("pending", waiting.Approval!.Status);
        var planHash = waiting.Approval.PlanHash!;

        Assert.Equal(HttpStatusCode.Forbidden, (await olivia.PostAsJsonAsync($"/api/runs/{runId}/approve", new { planHash }, Json)).StatusCode);
        var pending = await arthur.GetFromJsonAsync<JsonElement>("/api/approvals", Json);
        Assert.Contains(pending.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == runId);
        Assert.Equal(HttpStatusCode.Accepted, (await arthur.PostAsJsonAsync($"/api/runs/{runId}/approve", new { planHash, comment = "CHG-7" }, Json)).StatusCode);

        var statuses = await When_an_operator_drives_runs_through_the_gateway.StatusesUntilSucceeded(updates.Reader, runId);
        Assert.Equal([RunStatuses.AwaitingApproval, RunStatuses.Queued, RunStatuses.Claimed, RunStatuses.Running, RunStatuses.Succeeded], statuses);
        var approved = await olivia.GetFromJsonAsync<RunSnapshot>($"/api/runs/{runId}", Json);
        Assert.Equal(("approved", "arthur", "CHG-7"), (approved!.Approval!.Status, approved.Approval.DecidedBy, approved.Approval.Comment));

        var card = await (await olivia.PostAsJsonAsync("/api/intents/parse", new { text = "say hello to Ana" }, Json)).Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.Equal("hello", card.GetProperty("template").GetString());
        var fromCard = await olivia.PostAsJsonAsync("/api/runs", new
        {
            template = card.GetProperty("template").GetString(),
            @params = card.GetProperty("params"),
            lane = card.GetProperty("lane").GetString(),
        }, Json);
        Assert.Equal(HttpStatusCode.Accepted, fromCard.StatusCode);
        var helloId = (await fromCard.Content.ReadFromJsonAsync<RunSnapshot>(Json))!.Id;
        var hello = await Eventually.Get(async () => await olivia.GetFromJsonAsync<RunSnapshot>($"/api/runs/{helloId}", Json) is
            { Status: RunStatuses.Succeeded } run ? run : null, TimeSpan.FromSeconds(30), "the hello run");
        Assert.Equal("hello", hello.Template);
        Assert.Equal(1, hello.TemplateVersion);
        await Eventually.True(async () =>
        {
            var page = await olivia.GetFromJsonAsync<JsonElement>($"/api/runs/{helloId}/events", Json);
            return page.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("message").GetString() == "Hello, Ana!");
        }, TimeSpan.FromSeconds(10), "the greeting in the run's log");
    }

    private static async Task<string> CreateKey(HttpClient admin, string name, string role)
    {
        var created = await admin.PostAsJsonAsync("/api/keys", new { name, role }, Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("key").GetString()!;
    }
}

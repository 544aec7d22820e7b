using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using OpsBus.Contracts;
using OpsBus.Testing;

namespace OpsBus.EndToEnd.Tests;

[Collection(nameof(DistributedCollection))]
[Trait("Category", "Integration")]
public sealed class When_an_operator_attaches_artifacts_through_the_gateway_in_distributed_mode
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Should_store_list_stream_and_announce_them_and_keep_them_from_other_operators()
    {
        await using var cluster = await DistributedCluster.StartAsync(withEdge: true);
        using var admin = When_an_operator_drives_runs_through_the_gateway.Client(cluster.GatewayUrl, DistributedCluster.AdminKey);
        var olivia = await OperatorKey(admin, "olivia");
        var oscar = await OperatorKey(admin, "oscar");
        using var http = When_an_operator_drives_runs_through_the_gateway.Client(cluster.GatewayUrl, olivia);
        using var other = When_an_operator_drives_runs_through_the_gateway.Client(cluster.GatewayUrl, oscar);

        var added = Channel.CreateUnbounded<ArtifactStored>();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(cluster.GatewayUrl, "/hubs/runs"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(olivia))
            .Build();
        hub.On<ArtifactStored>("artifactAdded", artifact => added.Writer.TryWrite(artifact));
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeAll");

        var accepted = await http.PostAsJsonAsync("/api/runs", new
        {
            plan = new { steps = new[] { new { id = "greet", title = "Greet", phase = "action", action = "echo", inputs = new { message = "hi" } } } },
        }, Json);
        var runId = (await accepted.Content.ReadFromJsonAsync<RunSnapshot>(Json))!.Id;
        await Eventually.True(async () => (await http.GetFromJsonAsync<RunSnapshot>($"/api/runs/{runId}", Json))!.Status == RunStatuses.Succeeded,
            TimeSpan.FromSeconds(30), "the run to succeed");

        var content = new byte[3 * 1024 * 1024 + 17];
        Random.Shared.NextBytes(content);
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var upload = await http.PostAsync($"/api/runs/{runId}/artifacts?name=bundle.bin&kind=file", body);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var stored = await upload.Content.ReadFromJsonAsync<JsonElement>(Json);
        var artifactId = stored.GetProperty("id").GetGuid();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), stored.GetProperty("sha256").GetString());
        Assert.Equal(content.Length, stored.GetProperty("size").GetInt64());

        var announced = await NextFor(added.Reader, runId);
        Assert.Equal(artifactId, announced.ArtifactId);
        Assert.Equal("bundle.bin", announced.Name);

        var listed = await http.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/artifacts", Json);
        Assert.Contains(Items(listed), item => item.GetProperty("id").GetGuid() == artifactId);
        Assert.Equal(content, await http.GetByteArrayAsync($"/api/artifacts/{artifactId}/content"));

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/artifacts/{artifactId}/content")).StatusCode);
        var foreignUpload = new StringContent("not yours", System.Text.Encoding.UTF8, "text/plain");
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/runs/{runId}/artifacts?name=x.txt&kind=file", foreignUpload)).StatusCode);
    }

    [Fact]
    public async Task Should_keep_the_script_a_worker_attached_as_an_artifact_of_its_run()
    {
        await using var staging = await TestPostgres.CreateAsync();
        await using var dev = await TestPostgres.CreateAsync();
        await using (var connection = new Npgsql.NpgsqlConnection(staging.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand("CREATE TABLE deployments (id bigint PRIMARY KEY, service text NOT NULL)", connection);
            await create.ExecuteNonQueryAsync();
        }
        await using var cluster = await DistributedCluster.StartAsync(withEdge: true, new Dictionary<string, string>
        {
            ["staging"] = staging.ConnectionString,
            ["dev"] = dev.ConnectionString,
        });
        using var http = When_an_operator_drives_runs_through_the_gateway.Client(cluster.GatewayUrl, await OperatorKey(
            When_an_operator_drives_runs_through_the_gateway.Client(cluster.GatewayUrl, DistributedCluster.AdminKey), "olivia"));

        var accepted = await http.PostAsJsonAsync("/api/runs", new { template = "schema-sync", environment = "dev", @params = new { from = "staging" } }, Json);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var runId = (await accepted.Content.ReadFromJsonAsync<RunSnapshot>(Json))!.Id;
        var run = await Eventually.Get(async () => await http.GetFromJsonAsync<RunSnapshot>($"/api/runs/{runId}", Json) is { Status: RunStatuses.Succeeded or RunStatuses.Failed } r ? r : null,
            TimeSpan.FromSeconds(60), "the schema-sync run to finish");
        Assert.True(run.Status == RunStatuses.Succeeded, $"schema-sync {run.Status}: {run.Error}\n{cluster.Diagnostics()}");

        var script = Items(await http.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/artifacts", Json))
            .Single(a => a.GetProperty("name").GetString() == "migration-staging-to-dev.sql");
        Assert.Equal("diff", script.GetProperty("kind").GetString());
        Assert.StartsWith("worker:worker-", script.GetProperty("createdBy").GetString());
        var content = await http.GetStringAsync($"/api/artifacts/{script.GetProperty("id").GetGuid()}/content");
        Assert.Contains("CREATE TABLE", content);
        Assert.Contains("deployments", content);
    }

    private static IEnumerable<JsonElement> Items(JsonElement listed) =>
        listed.ValueKind == JsonValueKind.Array ? listed.EnumerateArray() : listed.GetProperty("items").EnumerateArray();

    private static async Task<ArtifactStored> NextFor(ChannelReader<ArtifactStored> reader, Guid runId)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var artifact = await reader.ReadAsync(deadline.Token);
            if (artifact.RunId == runId)
                return artifact;
        }
    }

    private static async Task<string> OperatorKey(HttpClient admin, string name)
    {
        var created = await admin.PostAsJsonAsync("/api/keys", new { name, role = "operator" }, Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("key").GetString()!;
    }
}

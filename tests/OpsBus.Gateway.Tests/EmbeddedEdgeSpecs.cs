using System.Net;
using System.Text;
using OpsBus.Gateway.Tests.Infrastructure;
using OpsBus.Testing;

namespace OpsBus.Gateway.Tests;

/// <summary>The plan of the README's curl example.</summary>
internal static class Plans
{
    public static object Hello => new
    {
        plan = new { steps = new[] { new { id = "greet", title = "Say hello", phase = "action", action = "echo", inputs = new { message = "hello" } } } },
        lane = "A",
    };
}

public sealed class When_an_operator_runs_a_plan_through_the_embedded_host : IAsyncLifetime
{
    private EdgeFactory _host = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _host = new EdgeFactory(new Dictionary<string, string?>());
        _client = _host.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Should_accept_it_with_202_and_report_it_succeeded()
    {
        var alice = await _client.CreateKey(EdgeFactory.AdminKey, "alice", "operator");

        using var accepted = await _client.Send(HttpMethod.Post, "/api/runs", alice, Plans.Hello);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var location = accepted.Headers.Location!.ToString();
        var run = await Eventually.Get(async () =>
        {
            using var response = await _client.Send(HttpMethod.Get, location, alice);
            var body = await response.Json();
            return response.StatusCode == HttpStatusCode.OK && body.GetProperty("status").GetString() == "succeeded" ? (object)body : null;
        }, TimeSpan.FromSeconds(30), "the run to succeed", TimeSpan.FromMilliseconds(100));
        Assert.Equal("alice", ((System.Text.Json.JsonElement)run).GetProperty("requestedBy").GetString());
    }

    [Fact]
    public async Task Should_answer_404_to_another_operator()
    {
        var alice = await _client.CreateKey(EdgeFactory.AdminKey, "alice", "operator");
        var bob = await _client.CreateKey(EdgeFactory.AdminKey, "bob", "operator");
        using var accepted = await _client.Send(HttpMethod.Post, "/api/runs", alice, Plans.Hello);

        using var asBob = await _client.Send(HttpMethod.Get, accepted.Headers.Location!.ToString(), bob);
        using var asAlice = await _client.Send(HttpMethod.Get, accepted.Headers.Location!.ToString(), alice);

        Assert.Equal(HttpStatusCode.NotFound, asBob.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asAlice.StatusCode);
    }

    [Fact]
    public async Task Should_refuse_a_body_over_one_megabyte_with_a_413_problem()
    {
        var alice = await _client.CreateKey(EdgeFactory.AdminKey, "alice", "operator");
        using var request = ApiClient.Request(HttpMethod.Post, "/api/runs", alice);
        var padding = new string('x', 1024 * 1024);
        request.Content = new StringContent($"{{\"lane\":\"A\",\"environment\":\"{padding}\"}}", Encoding.UTF8, "application/json");

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(413, (await response.Json()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Should_let_the_hub_authenticate_with_the_access_token_parameter()
    {
        var alice = await _client.CreateKey(EdgeFactory.AdminKey, "alice", "operator");

        using var withToken = await _client.PostAsync($"/hubs/runs/negotiate?negotiateVersion=1&access_token={Uri.EscapeDataString(alice)}", content: null);
        using var withoutToken = await _client.PostAsync("/hubs/runs/negotiate?negotiateVersion=1", content: null);

        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
    }

    [Fact]
    public async Task Should_keep_its_sqlite_files_in_the_data_folder()
    {
        using var ready = await _client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.True(File.Exists(Path.Combine(_host.Data.Path, "gateway.db")));
        Assert.True(File.Exists(Path.Combine(_host.Data.Path, "orchestrator.db")));
    }
}

public sealed class When_an_operator_keeps_a_runs_artifacts_in_the_embedded_host
{
    [Fact]
    public async Task Should_take_an_upload_over_the_api_body_limit_and_give_it_back()
    {
        await using var host = new EdgeFactory(new Dictionary<string, string?>());
        using var client = host.CreateClient();
        var alice = await client.CreateKey(EdgeFactory.AdminKey, "alice", "operator");
        using var accepted = await client.Send(HttpMethod.Post, "/api/runs", alice, Plans.Hello);
        var runId = (await accepted.Json()).GetProperty("id").GetGuid();
        var report = new byte[3 * 1024 * 1024];
        Random.Shared.NextBytes(report);

        var stored = await Eventually.Get(async () =>
        {
            using var upload = ApiClient.Request(HttpMethod.Post, $"/api/runs/{runId}/artifacts?name=report.bin&kind=file", alice);
            upload.Content = new ByteArrayContent(report);
            upload.Content.Headers.ContentType = new("application/octet-stream");
            using var response = await client.SendAsync(upload);
            // The artifacts service learns the run's owner from the bus a moment after the request is accepted.
            return response.StatusCode == HttpStatusCode.Created ? (object)await response.Json() : null;
        }, TimeSpan.FromSeconds(10), "the upload to be accepted", TimeSpan.FromMilliseconds(100));
        var artifact = (System.Text.Json.JsonElement)stored;

        Assert.Equal(report.Length, artifact.GetProperty("size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(report)), artifact.GetProperty("sha256").GetString());
        using var content = await client.Send(HttpMethod.Get, $"/api/artifacts/{artifact.GetProperty("id").GetGuid()}/content", alice);
        Assert.Equal(report, await content.Content.ReadAsByteArrayAsync());
        using var bob = await client.Send(HttpMethod.Get, $"/api/runs/{runId}/artifacts", await client.CreateKey(EdgeFactory.AdminKey, "bob", "operator"));
        Assert.Equal(HttpStatusCode.NotFound, bob.StatusCode);
        Assert.Contains(Directory.EnumerateFiles(host.Data.Path, "*", SearchOption.AllDirectories), f => f.Contains("artifacts", StringComparison.Ordinal));
    }
}

public sealed class When_a_key_exceeds_its_rate_limit : IAsyncLifetime
{
    private EdgeFactory _host = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _host = new EdgeFactory(new Dictionary<string, string?>
        {
            ["Gateway:RateLimit:TokenLimit"] = "3",
            ["Gateway:RateLimit:TokensPerPeriod"] = "1",
            ["Gateway:RateLimit:ReplenishmentPeriod"] = "00:10:00",
        });
        _client = _host.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Should_answer_429_with_retry_after_for_that_key_only()
    {
        var alice = await _client.CreateKey(EdgeFactory.AdminKey, "alice", "operator");
        var allowed = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await _client.Send(HttpMethod.Get, "/api/runs", alice);
            allowed.Add(response.StatusCode);
        }

        using var limited = await _client.Send(HttpMethod.Get, "/api/runs", alice);
        using var otherKey = await _client.Send(HttpMethod.Get, "/api/runs", EdgeFactory.AdminKey);

        Assert.All(allowed, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
    }
}

public sealed class When_someone_browses_the_api
{
    [Fact]
    public async Task Should_find_every_in_process_endpoint_in_the_openapi_document_and_its_ui()
    {
        await using var host = new EdgeFactory(new Dictionary<string, string?>());
        using var client = host.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json");
        using var ui = await client.GetAsync("/scalar/");

        Assert.Contains("\"/api/runs\"", document);
        Assert.Contains("\"/api/runs/{id}\"", document);
        Assert.Contains("\"/api/sessions\"", document);
        Assert.Contains("\"/api/templates/{slug}\"", document);
        Assert.Contains("\"/api/intents/parse\"", document);
        Assert.Contains("\"/api/runs/{id}/approve\"", document);
        Assert.Contains("\"/api/approvals\"", document);
        Assert.Contains("\"/api/schedules\"", document);
        Assert.Contains("\"/api/keys\"", document);
        Assert.Contains("\"bearer\"", document);
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Contains("openapi/v1.json", await ui.Content.ReadAsStringAsync());
    }
}

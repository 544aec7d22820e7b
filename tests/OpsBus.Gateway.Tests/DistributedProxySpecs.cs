using System.Net;
using System.Net.Http.Json;
using OpsBus.Gateway.Tests.Infrastructure;
using OpsBus.ServiceDefaults.Security;

namespace OpsBus.Gateway.Tests;

/// <summary>The gateway host in distributed mode, in front of echoing stand-ins for the orchestrator and the notifier.</summary>
public sealed class When_the_distributed_gateway_forwards_a_caller : IAsyncLifetime
{
    private const string Secret = "a-test-internal-secret-0123456789";

    private EchoService _orchestrator = null!;
    private EchoService _notifier = null!;
    private EchoService _artifacts = null!;
    private EdgeFactory _gateway = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _orchestrator = await EchoService.StartAsync();
        _notifier = await EchoService.StartAsync();
        _artifacts = await EchoService.StartAsync();
        _gateway = new EdgeFactory(new Dictionary<string, string?>
        {
            ["Gateway:Mode"] = "Distributed",
            ["Gateway:OrchestratorAddress"] = _orchestrator.Address.ToString(),
            ["Gateway:NotifierAddress"] = _notifier.Address.ToString(),
            ["Gateway:ArtifactsAddress"] = _artifacts.Address.ToString(),
            ["OpsBus:InternalSecret"] = Secret,
        });
        _client = _gateway.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gateway.DisposeAsync();
        await _orchestrator.DisposeAsync();
        await _notifier.DisposeAsync();
        await _artifacts.DisposeAsync();
    }

    [Fact]
    public async Task Should_forward_runs_with_caller_headers_the_orchestrator_can_verify()
    {
        var alice = await _client.CreateKey(EdgeFactory.AdminKey, "alice", "operator");

        using var response = await _client.Send(HttpMethod.Post, "/api/runs", alice, new { lane = "A" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forwarded = Assert.Single(_orchestrator.Received);
        Assert.Equal(("POST", "/api/runs"), (forwarded.Method, forwarded.Path));
        var headers = forwarded.Headers;
        Assert.Equal("alice", headers[InternalCaller.NameHeader]);
        Assert.Equal("operator", headers[InternalCaller.RolesHeader]);
        Assert.True(InternalCaller.Verify(Secret, headers[InternalCaller.NameHeader], headers[InternalCaller.RolesHeader],
            headers[InternalCaller.TimestampHeader], headers[InternalCaller.SignatureHeader], DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task Should_strip_spoofed_opsbus_headers_and_the_callers_key()
    {
        var alice = await _client.CreateKey(EdgeFactory.AdminKey, "alice", "operator");
        using var request = ApiClient.Request(HttpMethod.Get, "/api/runs/some-run?limit=5", alice);
        request.Headers.Add(InternalCaller.NameHeader, "admin");
        request.Headers.Add(InternalCaller.RolesHeader, "admin");
        request.Headers.Add(InternalCaller.SignatureHeader, "00");
        request.Headers.Add("X-OpsBus-Anything", "forged");

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forwarded = Assert.Single(_orchestrator.Received);
        Assert.Equal(("/api/runs/some-run", "?limit=5"), (forwarded.Path, forwarded.Query));
        Assert.Equal("alice", forwarded.Headers[InternalCaller.NameHeader]);
        Assert.Equal("operator", forwarded.Headers[InternalCaller.RolesHeader]);
        Assert.DoesNotContain("X-OpsBus-Anything", forwarded.Headers.Keys, StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain("Authorization", forwarded.Headers.Keys, StringComparer.OrdinalIgnoreCase);
        Assert.Single(forwarded.Headers[InternalCaller.SignatureHeader].Split(','));
    }

    [Fact]
    public async Task Should_forward_sessions_to_the_orchestrator_and_hubs_to_the_notifier()
    {
        var bob = await _client.CreateKey(EdgeFactory.AdminKey, "bob", "auditor");

        using var sessions = await _client.Send(HttpMethod.Get, "/api/sessions", bob);
        using var hub = await _client.Send(HttpMethod.Post, $"/hubs/runs/negotiate?negotiateVersion=1&access_token={Uri.EscapeDataString(bob)}", key: null);

        Assert.Equal(HttpStatusCode.OK, sessions.StatusCode);
        Assert.Equal("/api/sessions", Assert.Single(_orchestrator.Received).Path);
        Assert.Equal(HttpStatusCode.OK, hub.StatusCode);
        var negotiate = Assert.Single(_notifier.Received);
        Assert.Equal("/hubs/runs/negotiate", negotiate.Path);
        Assert.DoesNotContain("access_token", negotiate.Query);
        Assert.Equal("bob", negotiate.Headers[InternalCaller.NameHeader]);
    }

    [Theory]
    [InlineData("/api/templates/deploy/versions")]
    [InlineData("/api/intents/parse")]
    [InlineData("/api/approvals")]
    [InlineData("/api/schedules/some-schedule")]
    public async Task Should_forward_every_orchestrator_api_to_the_orchestrator(string path)
    {
        var bob = await _client.CreateKey(EdgeFactory.AdminKey, "bob", "auditor");

        using var response = await _client.Send(HttpMethod.Get, path, bob);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(path, Assert.Single(_orchestrator.Received).Path);
        Assert.Empty(_notifier.Received);
    }

    [Theory]
    [InlineData("GET", "/api/runs/7d4e/artifacts")]
    [InlineData("GET", "/api/runs/7d4e/artifacts.zip")]
    [InlineData("GET", "/api/artifacts/91ab/content")]
    public async Task Should_forward_artifacts_to_the_artifacts_service(string method, string path)
    {
        var bob = await _client.CreateKey(EdgeFactory.AdminKey, "bob", "auditor");

        using var response = await _client.Send(new HttpMethod(method), path, bob);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(path, Assert.Single(_artifacts.Received).Path);
        Assert.Empty(_orchestrator.Received);
    }

    [Fact]
    public async Task Should_refuse_without_a_key_and_forward_nothing()
    {
        using var runs = await _client.PostAsJsonAsync("/api/runs", new { lane = "A" });
        using var forged = ApiClient.Request(HttpMethod.Get, "/api/runs", key: null);
        forged.Headers.Add(InternalCaller.NameHeader, "admin");
        forged.Headers.Add(InternalCaller.RolesHeader, "admin");
        using var withForgedHeaders = await _client.SendAsync(forged);
        using var hub = await _client.PostAsync("/hubs/runs/negotiate", content: null);

        Assert.Equal(HttpStatusCode.Unauthorized, runs.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withForgedHeaders.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, hub.StatusCode);
        Assert.Empty(_orchestrator.Received);
        Assert.Empty(_notifier.Received);
    }

    [Fact]
    public async Task Should_refuse_a_body_over_the_limit_before_forwarding_it()
    {
        var alice = await _client.CreateKey(EdgeFactory.AdminKey, "alice", "operator");
        using var request = ApiClient.Request(HttpMethod.Post, "/api/runs", alice);
        request.Content = new StringContent(new string('x', 1024 * 1024 + 1), System.Text.Encoding.UTF8, "application/json");

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(_orchestrator.Received);
    }

    [Fact]
    public async Task Should_keep_only_its_key_database_in_the_data_folder()
    {
        using var ready = await _client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.True(File.Exists(_gateway.Data.GatewayDatabase));
        Assert.False(File.Exists(Path.Combine(_gateway.Data.Path, "orchestrator.db")));
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Text;
using OpsBus.Gateway.Tests.Infrastructure;
using OpsBus.ServiceDefaults.Security;

namespace OpsBus.Gateway.Tests;

/// <summary>GitHub's side: deliveries signed with the webhook's secret, sent without any API key.</summary>
internal static class GitHubWebhook
{
    public const string Secret = "gateway-specs-webhook-secret";

    public const string PushBody = """
        {"ref":"refs/heads/main","after":"0123456789abcdef0123456789abcdef01234567","deleted":false,
         "repository":{"full_name":"acme/shop"},"pusher":{"name":"octocat"},"sender":{"login":"octocat"}}
        """;

    public static string Sign(string body, string secret = Secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    public static Task<HttpResponseMessage> Deliver(this HttpClient client, string body, string? signature, string gitHubEvent = "push", string? deliveryId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/github") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-GitHub-Event", gitHubEvent);
        request.Headers.Add("X-GitHub-Delivery", deliveryId ?? Guid.NewGuid().ToString());
        if (signature is not null)
            request.Headers.Add("X-Hub-Signature-256", signature);
        return client.SendAsync(request);
    }
}

public sealed class When_github_delivers_to_the_embedded_host : IAsyncLifetime
{
    private EdgeFactory _host = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _host = new EdgeFactory(new Dictionary<string, string?> { ["Orchestrator:GitHub:WebhookSecret"] = GitHubWebhook.Secret });
        _client = _host.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Should_queue_a_signed_delivery_without_an_api_key()
    {
        var delivery = Guid.NewGuid().ToString();

        using var response = await _client.Deliver(GitHubWebhook.PushBody, GitHubWebhook.Sign(GitHubWebhook.PushBody), deliveryId: delivery);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await response.Json();
        Assert.Equal(delivery, answer.GetProperty("deliveryId").GetString());
        Assert.Equal("queued", answer.GetProperty("outcome").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sha256=not-hex")]
    [InlineData("sha256=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public async Task Should_refuse_a_missing_or_wrong_signature_with_401(string? signature)
    {
        using var response = await _client.Deliver(GitHubWebhook.PushBody, signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("X-Hub-Signature-256", (await response.Json()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Should_refuse_a_body_tampered_after_signing_with_401()
    {
        var signature = GitHubWebhook.Sign(GitHubWebhook.PushBody);
        var tampered = GitHubWebhook.PushBody.Replace("refs/heads/main", "refs/heads/prod", StringComparison.Ordinal);

        using var response = await _client.Deliver(tampered, signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Should_refuse_a_signature_made_with_another_secret_with_401()
    {
        using var response = await _client.Deliver(GitHubWebhook.PushBody, GitHubWebhook.Sign(GitHubWebhook.PushBody, "someone-elses-secret"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Should_accept_a_delivery_larger_than_the_api_body_limit()
    {
        var body = $$"""{"zen":"{{new string('z', 2 * 1024 * 1024)}}","hook_id":1}""";

        using var response = await _client.Deliver(body, GitHubWebhook.Sign(body), gitHubEvent: "ping");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Should_still_want_an_api_key_everywhere_else_under_api()
    {
        using var triggers = await _client.Send(HttpMethod.Get, "/api/triggers", key: null);
        using var otherHook = await _client.Send(HttpMethod.Post, "/api/webhooks/gitlab", key: null, new { });

        Assert.Equal(HttpStatusCode.Unauthorized, triggers.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherHook.StatusCode);
        Assert.Equal("Bearer", otherHook.Headers.WwwAuthenticate.ToString());
    }
}

public sealed class When_a_sender_floods_the_webhook
{
    [Fact]
    public async Task Should_answer_429_with_retry_after_past_the_webhook_limit_while_api_keys_go_on()
    {
        await using var host = new EdgeFactory(new Dictionary<string, string?>
        {
            ["Orchestrator:GitHub:WebhookSecret"] = GitHubWebhook.Secret,
            ["Gateway:WebhookRateLimit:TokenLimit"] = "3",
            ["Gateway:WebhookRateLimit:TokensPerPeriod"] = "1",
            ["Gateway:WebhookRateLimit:ReplenishmentPeriod"] = "00:10:00",
        });
        using var client = host.CreateClient();

        var refused = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.Deliver(GitHubWebhook.PushBody, "sha256=forged");
            refused.Add(response.StatusCode);
        }
        using var limited = await client.Deliver(GitHubWebhook.PushBody, GitHubWebhook.Sign(GitHubWebhook.PushBody));
        using var withKey = await client.Send(HttpMethod.Get, "/api/runs", EdgeFactory.AdminKey);

        Assert.All(refused, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Contains("webhook deliveries", (await limited.Json()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
    }
}

public sealed class When_github_delivers_to_the_distributed_gateway : IAsyncLifetime
{
    private const string InternalSecret = "a-test-internal-secret-0123456789";

    private EchoService _orchestrator = null!;
    private EchoService _notifier = null!;
    private EdgeFactory _gateway = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _orchestrator = await EchoService.StartAsync();
        _notifier = await EchoService.StartAsync();
        _gateway = new EdgeFactory(new Dictionary<string, string?>
        {
            ["Gateway:Mode"] = "Distributed",
            ["Gateway:OrchestratorAddress"] = _orchestrator.Address.ToString(),
            ["Gateway:NotifierAddress"] = _notifier.Address.ToString(),
            ["OpsBus:InternalSecret"] = InternalSecret,
        });
        _client = _gateway.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gateway.DisposeAsync();
        await _orchestrator.DisposeAsync();
        await _notifier.DisposeAsync();
    }

    [Fact]
    public async Task Should_forward_the_delivery_to_the_orchestrator_as_an_anonymous_caller_with_its_signature()
    {
        var signature = GitHubWebhook.Sign(GitHubWebhook.PushBody);

        using var response = await _client.Deliver(GitHubWebhook.PushBody, signature, deliveryId: "d-42");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forwarded = Assert.Single(_orchestrator.Received);
        Assert.Equal(("POST", "/api/webhooks/github"), (forwarded.Method, forwarded.Path));
        Assert.Equal(signature, forwarded.Headers["X-Hub-Signature-256"]);
        Assert.Equal("d-42", forwarded.Headers["X-GitHub-Delivery"]);
        Assert.False(forwarded.Headers.ContainsKey(InternalCaller.SignatureHeader));
        Assert.False(forwarded.Headers.ContainsKey(InternalCaller.NameHeader));
    }

    [Fact]
    public async Task Should_forward_trigger_rules_only_to_a_caller_with_a_key()
    {
        using var anonymous = await _client.Send(HttpMethod.Get, "/api/triggers", key: null);
        using var admin = await _client.Send(HttpMethod.Get, "/api/triggers", EdgeFactory.AdminKey);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        var forwarded = Assert.Single(_orchestrator.Received);
        Assert.Equal("/api/triggers", forwarded.Path);
        Assert.Equal("admin", forwarded.Headers[InternalCaller.RolesHeader]);
    }
}

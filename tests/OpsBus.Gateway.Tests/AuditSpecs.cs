using System.Net;
using System.Text;
using System.Text.Json;
using OpsBus.Gateway.Tests.Infrastructure;
using OpsBus.Testing;

namespace OpsBus.Gateway.Tests;

/// <summary>
/// One embedded edge on which an admin creates keys and a template with a secret parameter, an operator requests,
/// cancels and sends a malformed run, and an approver approves a production run; the specs then read the audit log.
/// </summary>
public sealed class AuditScenario : IAsyncLifetime
{
    public const string UserAgent = "audit-spec/1.0";
    public const string SecretValue = "s3cr3t-value-never-logged-9f8e7d";

    public EdgeFactory Host { get; } = new(new Dictionary<string, string?>());

    public HttpClient Client { get; private set; } = null!;

    public string Operator { get; private set; } = "";

    public string Auditor { get; private set; } = "";

    public Guid CancelledRun { get; private set; }

    public Guid ApprovedRun { get; private set; }

    public async Task InitializeAsync()
    {
        Client = Host.CreateClient();
        Client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        Operator = await Client.CreateKey(EdgeFactory.AdminKey, "olivia", "operator");
        var approver = await Client.CreateKey(EdgeFactory.AdminKey, "arthur", "approver");
        Auditor = await Client.CreateKey(EdgeFactory.AdminKey, "audrey", "auditor");

        using var template = new HttpRequestMessage(HttpMethod.Post, "/api/templates") { Content = new StringContent(SecretTemplate, Encoding.UTF8, "application/yaml") };
        template.Headers.Authorization = new("Bearer", EdgeFactory.AdminKey);
        Assert.Equal(HttpStatusCode.Created, (await Client.SendAsync(template)).StatusCode);

        using (var secret = await Client.Send(HttpMethod.Post, "/api/runs", Operator, new { template = "audit-secret", @params = new { token = SecretValue } }))
            Assert.Equal(HttpStatusCode.Accepted, secret.StatusCode);
        using (var invalid = await Client.Send(HttpMethod.Post, "/api/runs", Operator, new { lane = 42 }))
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);

        CancelledRun = await Accepted(await Client.Send(HttpMethod.Post, "/api/runs", Operator, Sleeping()));
        await Eventually.True(async () =>
        {
            using var cancel = await Client.Send(HttpMethod.Post, $"/api/runs/{CancelledRun}/cancel", Operator, new { reason = "changed my mind" });
            return cancel.StatusCode == HttpStatusCode.Accepted;
        }, TimeSpan.FromSeconds(20), "the run to accept a cancel");

        ApprovedRun = await Accepted(await Client.Send(HttpMethod.Post, "/api/runs", Operator, Deploying()));
        var planHash = await Eventually.Get(async () =>
        {
            using var run = await Client.Send(HttpMethod.Get, $"/api/runs/{ApprovedRun}", Operator);
            var body = await run.Json();
            return body.GetProperty("status").GetString() == "awaiting_approval" ? body.GetProperty("approval").GetProperty("planHash").GetString() : null;
        }, TimeSpan.FromSeconds(20), "the production run to await approval");
        using var approved = await Client.Send(HttpMethod.Post, $"/api/runs/{ApprovedRun}/approve", approver, new { planHash, comment = "ok" });
        Assert.Equal(HttpStatusCode.Accepted, approved.StatusCode);
    }

    /// <summary>The whole audit log as an auditor exports it, once it holds <paramref name="count"/> entries or more.</summary>
    public Task<List<JsonElement>> ExportAtLeast(int count) =>
        Eventually.Get(async () =>
        {
            using var export = await Client.Send(HttpMethod.Get, "/api/audit/export", Auditor);
            Assert.Equal("application/x-ndjson", export.Content.Headers.ContentType?.MediaType);
            var lines = (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
            return lines.Count >= count ? lines : null;
        }, TimeSpan.FromSeconds(10), $"{count} audit entries");

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }

    private static object Sleeping() => new
    {
        plan = new { steps = new[] { new { id = "wait", title = "Wait", phase = "action", action = "sleep", inputs = new { seconds = 60 } } } },
        lane = "B",
    };

    /// <summary>An inline plan for production: nobody declared its risk, so it waits for an approver.</summary>
    private static object Deploying() => new
    {
        plan = new { steps = new[] { new { id = "deploy", title = "Deploy", phase = "action", action = "echo", inputs = new { message = "deploying" } } } },
        lane = "D",
        environment = "prod",
    };

    private static async Task<Guid> Accepted(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return (await response.Json()).GetProperty("id").GetGuid();
        }
    }

    private const string SecretTemplate = """
        slug: audit-secret
        title: Echo a token
        defaultLane: C
        risk: read
        parameters:
          - key: token
            label: Token
            type: secret
            required: true
        steps:
          - id: use
            title: Use the token
            phase: action
            action: echo
            inputs:
              message: ${{ params.token }}
        """;
}

public sealed class When_callers_change_state_through_the_edge(AuditScenario scenario) : IClassFixture<AuditScenario>
{
    [Fact]
    public async Task Should_record_the_operators_run_create_and_cancel()
    {
        var log = await scenario.ExportAtLeast(9);

        var cancel = Assert.Single(log, e => Action(e) == "POST /api/runs/{id}/cancel" && Id(e) == scenario.CancelledRun.ToString());
        Assert.Equal("olivia", cancel.GetProperty("caller").GetString());
        Assert.Equal(["operator"], cancel.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(202, cancel.GetProperty("status").GetInt32());
        Assert.Equal(AuditScenario.UserAgent, cancel.GetProperty("userAgent").GetString());
        Assert.False(string.IsNullOrEmpty(cancel.GetProperty("traceId").GetString()));
        Assert.Contains(log, e => Action(e) == "POST /api/runs" && e.GetProperty("caller").GetString() == "olivia" && e.GetProperty("status").GetInt32() == 202);
    }

    [Fact]
    public async Task Should_record_the_approvers_decision()
    {
        var log = await scenario.ExportAtLeast(9);

        var approval = Assert.Single(log, e => Action(e) == "POST /api/runs/{id}/approve");
        Assert.Equal("arthur", approval.GetProperty("caller").GetString());
        Assert.Equal("approve", approval.GetProperty("decision").GetString());
        Assert.Equal(scenario.ApprovedRun.ToString(), Id(approval));
        Assert.Equal(202, approval.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Should_record_the_admins_key_creations_and_a_failed_call_with_their_status()
    {
        var log = await scenario.ExportAtLeast(9);

        Assert.Equal(3, log.Count(e => Action(e) == "POST /api/keys" && e.GetProperty("caller").GetString() == "admin" && e.GetProperty("status").GetInt32() == 201));
        Assert.Contains(log, e => Action(e) == "POST /api/runs" && e.GetProperty("status").GetInt32() == 400);
    }

    [Fact]
    public async Task Should_never_store_a_secret_or_a_key()
    {
        var log = await scenario.ExportAtLeast(9);

        var text = string.Join('\n', log.Select(e => e.GetRawText()));
        Assert.DoesNotContain(AuditScenario.SecretValue, text);
        Assert.DoesNotContain("opsbus_", text);
    }

    [Fact]
    public async Task Should_let_auditors_page_and_filter_it_and_refuse_operators()
    {
        await scenario.ExportAtLeast(9);

        using var refused = await scenario.Client.Send(HttpMethod.Get, "/api/audit", scenario.Operator);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        using var first = await scenario.Client.Send(HttpMethod.Get, "/api/audit?caller=olivia&action=cancel&limit=1", scenario.Auditor);
        var page = await first.Json();
        var entry = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("POST /api/runs/{id}/cancel", Action(entry));

        using var invalid = await scenario.Client.Send(HttpMethod.Get, "/api/audit?from=yesterday&limit=0", scenario.Auditor);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    private static string? Action(JsonElement entry) => entry.GetProperty("action").GetString();

    private static string? Id(JsonElement entry) =>
        entry.GetProperty("routeValues").TryGetProperty("id", out var id) ? id.GetString() : null;
}

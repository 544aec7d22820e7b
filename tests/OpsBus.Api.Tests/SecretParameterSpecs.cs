using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpsBus.Contracts;
using OpsBus.Runbooks.Secrets;

namespace OpsBus.Api.Tests;

public sealed class When_a_run_carries_a_secret_parameter
{
    private const string Secret = "s3cr3t-VALUE-123";

    [Fact]
    public async Task Should_never_show_store_or_publish_the_secret_in_clear()
    {
        await using var api = await ApiHost.StartAsync(null, new Dictionary<string, string?> { ["Secrets:Key"] = SecretProtector.NewKey() });
        using var created = await api.As("root:admin").SendYaml(HttpMethod.Post, "/api/templates", TemplateRequests.WithSecretYaml);
        await ApiClient.Expect(created, HttpStatusCode.Created);
        var alice = api.As("alice:operator");

        using var posted = await alice.Post("/api/runs", new { template = "token-echo", @params = new { token = Secret } }, idempotencyKey: "secret-run");
        await ApiClient.Expect(posted, HttpStatusCode.Accepted);
        var accepted = JsonSerializer.Deserialize<RunSnapshot>(await posted.Content.ReadAsStringAsync(), ApiClient.Json)!;
        await alice.WaitForFinish(accepted.Id, RunStatuses.Succeeded);
        var events = await OpsBus.Testing.Eventually.Get(async () =>
        {
            using var response = await alice.Get($"/api/runs/{accepted.Id}/events");
            var text = await response.Content.ReadAsStringAsync();
            return text.Contains("attempt succeeded", StringComparison.Ordinal) ? text : null;
        }, TimeSpan.FromSeconds(10), "the run's last log line");

        var seen = new Dictionary<string, string>
        {
            ["POST response"] = await posted.Content.ReadAsStringAsync(),
            ["GET run"] = await (await alice.Get($"/api/runs/{accepted.Id}")).Content.ReadAsStringAsync(),
            ["GET runs"] = await (await alice.Get("/api/runs")).Content.ReadAsStringAsync(),
            ["GET events"] = events,
            ["run_requests row"] = await api.Query(async db => JsonSerializer.Serialize(await db.RunRequests.AsNoTracking().SingleAsync(r => r.RunId == accepted.Id))),
            ["runs row"] = await api.Query(async db => JsonSerializer.Serialize(await db.Runs.AsNoTracking().SingleAsync(r => r.CorrelationId == accepted.Id))),
            ["log rows"] = await api.Query(async db => JsonSerializer.Serialize(await db.RunLogLines.AsNoTracking().Where(l => l.RunId == accepted.Id).ToListAsync())),
            ["bus"] = string.Join("\n", api.BusMessages),
        };

        Assert.All(seen, place => Assert.False(place.Value.Contains(Secret, StringComparison.Ordinal), $"{place.Key} shows the secret: {place.Value}"));
        Assert.Equal("***", accepted.Parameters!["token"]);
        Assert.Contains(api.BusMessages, m => m.StartsWith(nameof(RunRequested), StringComparison.Ordinal) && m.Contains("\"$secret\":\"v1:", StringComparison.Ordinal));
        Assert.Contains("\"message\":\"***\"", events, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_answer_503_when_the_server_has_no_secrets_key()
    {
        await using var api = await ApiHost.StartAsync();
        using var created = await api.As("root:admin").SendYaml(HttpMethod.Post, "/api/templates", TemplateRequests.WithSecretYaml);

        using var response = await api.As("alice:operator").Post("/api/runs", new { template = "token-echo", @params = new { token = Secret } });

        var problem = await ApiClient.ExpectProblem(response, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("Secrets:Key", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain(Secret, problem.GetRawText());
    }

    [Fact]
    public async Task Should_tell_two_secrets_apart_under_one_idempotency_key()
    {
        await using var api = await ApiHost.StartAsync(null, new Dictionary<string, string?> { ["Secrets:Key"] = SecretProtector.NewKey() });
        using var created = await api.As("root:admin").SendYaml(HttpMethod.Post, "/api/templates", TemplateRequests.WithSecretYaml);
        var alice = api.As("alice:operator");

        var first = await alice.Submit(new { template = "token-echo", @params = new { token = Secret } }, idempotencyKey: "k");
        var replay = await alice.Submit(new { template = "token-echo", @params = new { token = Secret } }, idempotencyKey: "k");
        using var other = await alice.Post("/api/runs", new { template = "token-echo", @params = new { token = "another" } }, idempotencyKey: "k");

        Assert.Equal(first.Id, replay.Id);
        await ApiClient.ExpectProblem(other, HttpStatusCode.UnprocessableEntity);
    }
}

using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsBus.Artifacts.Persistence;
using OpsBus.Gateway.Persistence;
using OpsBus.Notifier.Notifications.Persistence;
using OpsBus.Orchestrator.Persistence;
using OpsBus.Testing;

namespace OpsBus.Hostile.Tests;

/// <summary>
/// The valid rows the corpus aims at: keys for two operators (Alice, Bob), an approver and an auditor; a template;
/// Alice's session, finished run (sent once with an idempotency key) and schedule.
/// </summary>
internal sealed record HostileWorld(
    string Alice, string Bob, string Approver, string Auditor, Guid AliceRun, Guid AliceSchedule, string IdempotencyKey)
{
    public static async Task<HostileWorld> CreateAsync(HostileEdge edge)
    {
        var alice = await edge.KeyOf("alice", "operator");
        var world = new HostileWorld(alice, await edge.KeyOf("bob", "operator"), await edge.KeyOf("carol", "approver"),
            await edge.KeyOf("dave", "auditor"), Guid.Empty, Guid.Empty, "hostile-once");

        using var admin = edge.ClientWith(HostileEdge.AdminKey);
        using var template = await admin.PostAsync("/api/templates",
            new StringContent(HostileBodies.For("PUT", "/api/templates/{slug}").ToJsonString(), Encoding.UTF8, "application/json"));
        await Expect(template, 201);

        using var client = edge.ClientWith(alice);
        await Expect(await client.PostAsJsonAsync("/api/sessions", new { id = HostileBodies.Session, name = "Hostile" }), 201);
        using var run = new HttpRequestMessage(HttpMethod.Post, "/api/runs")
        {
            Content = new StringContent(HostileBodies.For("POST", "/api/runs").ToJsonString(), Encoding.UTF8, "application/json"),
        };
        run.Headers.Add("Idempotency-Key", world.IdempotencyKey);
        var runId = await IdOf(await client.SendAsync(run), 202);
        var scheduleId = await IdOf(await client.PostAsync("/api/schedules",
            new StringContent(HostileBodies.For("POST", "/api/schedules").ToJsonString(), Encoding.UTF8, "application/json")), 201);

        await Eventually.True(async () =>
        {
            using var snapshot = await client.GetAsync($"/api/runs/{runId}");
            var status = JsonDocument.Parse(await snapshot.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString();
            return status is "succeeded" or "failed" or "cancelled";
        }, TimeSpan.FromSeconds(30), $"Alice's run {runId} to finish");
        return world with { AliceRun = runId, AliceSchedule = scheduleId };
    }

    /// <summary>How many rows each store holds: the corpus must leave every count as the valid setup left it.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> CountRowsAsync(HostileEdge edge)
    {
        await using var scope = edge.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var orchestrator = services.GetRequiredService<OrchestratorDbContext>();
        var gateway = services.GetRequiredService<GatewayDbContext>();
        var notifications = services.GetRequiredService<NotificationsDbContext>();
        var artifacts = services.GetRequiredService<ArtifactsDbContext>();
        return new Dictionary<string, int>
        {
            ["run requests"] = await orchestrator.RunRequests.CountAsync(),
            ["runs"] = await orchestrator.Runs.CountAsync(),
            ["sessions"] = await orchestrator.Sessions.CountAsync(),
            ["templates"] = await orchestrator.Templates.CountAsync(),
            ["template versions"] = await orchestrator.TemplateVersions.CountAsync(),
            ["schedules"] = await orchestrator.Schedules.CountAsync(),
            ["api keys"] = await gateway.ApiKeys.CountAsync(),
            ["revoked api keys"] = await gateway.ApiKeys.CountAsync(k => k.RevokedAt != null),
            ["channels"] = await notifications.Channels.CountAsync(),
            ["deliveries"] = await notifications.Deliveries.CountAsync(),
            ["artifacts"] = await artifacts.Artifacts.CountAsync(),
        };
    }

    private static async Task<Guid> IdOf(HttpResponseMessage response, int status)
    {
        using (response)
        {
            await Expect(response, status);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        }
    }

    private static async Task Expect(HttpResponseMessage response, int status)
    {
        if ((int)response.StatusCode != status)
            throw new InvalidOperationException($"Setup: {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered "
                + $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace OpsBus.LaneWorker.Tests.Adapters;

/// <summary>Supabase's Management API for one project: service health and the SQL query endpoint.</summary>
internal sealed class SupabaseFake
{
    public const string ProjectRef = "abcdefghijklmnopqrst";

    /// <summary>Services the health endpoint reports as unhealthy.</summary>
    public HashSet<string> Unhealthy { get; } = [];

    /// <summary>What the query endpoint answers, as JSON.</summary>
    public string QueryResult { get; set; } = """[{"ok":1}]""";

    public static async Task<(FakeVendorServer Server, SupabaseFake Supabase)> StartAsync()
    {
        var supabase = new SupabaseFake();
        var server = await FakeVendorServer.StartAsync(app =>
        {
            var project = app.MapGroup($"/v1/projects/{ProjectRef}");
            project.MapGet("/health", (string services) => Results.Json(services.Split(',').Select(name => supabase.Unhealthy.Contains(name)
                ? (object)new { name, healthy = false, status = "UNHEALTHY", error = "connection refused" }
                : new { name, healthy = true, status = "ACTIVE_HEALTHY" }).ToArray()));
            project.MapPost("/database/query", () => Results.Content(supabase.QueryResult, "application/json", statusCode: 201));
        });
        return (server, supabase);
    }
}

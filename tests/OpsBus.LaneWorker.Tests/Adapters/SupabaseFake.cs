using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OpsBus.LaneWorker.Tests.Adapters;

/// <summary>Supabase's Management API for one project: service health and the SQL query endpoint.</summary>
internal sealed class SupabaseFake : VendorFake
{
    public const string ProjectRef = "abcdefghijklmnopqrst";

    /// <summary>Services the health endpoint reports as unhealthy.</summary>
    public HashSet<string> Unhealthy { get; } = [];

    /// <summary>What the query endpoint answers, as JSON.</summary>
    public string QueryResult { get; set; } = """[{"ok":1}]""";

    public override string Vendor => "Supabase";

    public override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?> { ["LaneWorker:Supabase:ProjectRef"] = ProjectRef };

    public static Task<SupabaseFake> StartAsync() => Start(new SupabaseFake());

    protected override void Map(IEndpointRouteBuilder app)
    {
        var project = app.MapGroup($"/v1/projects/{ProjectRef}");
        project.MapGet("/health", (string services) => Results.Json(services.Split(',').Select(name => Unhealthy.Contains(name)
            ? (object)new { name, healthy = false, status = "UNHEALTHY", error = "connection refused" }
            : new { name, healthy = true, status = "ACTIVE_HEALTHY" }).ToArray()));
        project.MapPost("/database/query", () => Results.Content(QueryResult, "application/json", statusCode: 201));
    }
}

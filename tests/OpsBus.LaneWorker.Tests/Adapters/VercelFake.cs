using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OpsBus.LaneWorker.Tests.Adapters;

/// <summary>
/// Vercel's REST API for one team: deployment list, create, get, build events, and a deploy hook. A created deployment
/// moves along <see cref="Progress"/> with each read. Every API call must carry <see cref="TeamId"/>.
/// </summary>
internal sealed class VercelFake : VendorFake
{
    public const string TeamId = "team_ops";
    public const string Project = "shop-web";
    public const string HookPath = "v1/integrations/deploy/prj_shop/h00kS3cret";
    public const string CreatedId = "dpl_new";
    public const string HookedId = "dpl_hooked";

    private readonly ConcurrentDictionary<string, int> _reads = new();
    private readonly List<(string Id, string Url, string State)> _deployments = [("dpl_old2", "shop-old2.vercel.app", "READY"), ("dpl_old1", "shop-old1.vercel.app", "ERROR")];

    /// <summary>What a new deployment reports on its 1st, 2nd, … read (the last one repeats).</summary>
    public List<string> Progress { get; } = ["QUEUED", "BUILDING", "READY"];

    public override string Vendor => "Vercel";

    public override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["LaneWorker:Vercel:TeamId"] = TeamId,
        ["LaneWorker:Vercel:ProjectId"] = Project,
    };

    public static Task<VercelFake> StartAsync() => Start(new VercelFake());

    protected override void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").AddEndpointFilter(async (context, next) =>
            context.HttpContext.Request.Query["teamId"] == TeamId || context.HttpContext.Request.Path.StartsWithSegments("/v1/integrations")
                ? await next(context)
                : Results.Json(new { error = new { code = "forbidden", message = "Not authorized for this team" } }, statusCode: 403));
        api.MapGet("/v6/deployments", (string projectId, int limit) =>
        {
            lock (_deployments)
                return Results.Json(new
                {
                    deployments = _deployments.Take(limit).Select(d => new { uid = d.Id, name = projectId, url = d.Url, state = d.State, target = "production" }).ToArray(),
                    pagination = new { count = Math.Min(limit, _deployments.Count) },
                });
        });
        api.MapPost("/v13/deployments", () =>
        {
            Add(CreatedId);
            return Results.Json(new { id = CreatedId, url = "shop-new.vercel.app", readyState = "QUEUED" });
        });
        api.MapGet("/v13/deployments/{id}", (string id) =>
        {
            var read = _reads.AddOrUpdate(id, 0, (_, count) => count + 1);
            var state = Progress[Math.Min(read, Progress.Count - 1)];
            return Results.Json(new { id, url = $"{id}.vercel.app", readyState = state, errorMessage = state == "ERROR" ? "Build failed: exit 1" : null });
        });
        api.MapGet("/v3/deployments/{id}/events", (string id) => Results.Json(new object[]
        {
            new { type = "command", created = 1, payload = new { text = "npm run build" } },
            new { type = "stdout", created = 2, payload = new { text = "compiled 12 pages" } },
            new { type = "stderr", created = 3, payload = new { text = "warning: large bundle" } },
            new { type = "delimiter", created = 4 },
        }));
        app.MapPost("/" + HookPath, () =>
        {
            Add(HookedId);
            return Results.Json(new { job = new { id = "job_1", state = "PENDING", createdAt = 1 } }, statusCode: 201);
        });
    }

    private void Add(string id)
    {
        lock (_deployments)
            _deployments.Insert(0, (id, $"{id}.vercel.app", "QUEUED"));
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OpsBus.LaneWorker.Tests.Adapters;

/// <summary>DigitalOcean's API v2: droplets (by id and by name) and App Platform apps, answering as the real one does.</summary>
internal sealed class DigitalOceanFake : VendorFake
{
    public const long WebId = 3164444;
    public const long StoppedId = 3164450;
    public const string AppId = "c2a93513-8d9b-4223-9d61-5e7272c81cf5";
    public const string BrokenAppId = "0fd0bbd2-1111-4b5c-8d3e-8b4f2f7b9f00";

    public override string Vendor => "DigitalOcean";

    public static Task<DigitalOceanFake> StartAsync() => Start(new DigitalOceanFake());

    protected override void Map(IEndpointRouteBuilder app)
    {
        object[] droplets = [Droplet(WebId, "web-1", "active", "203.0.113.10"), Droplet(StoppedId, "worker-1", "off", "203.0.113.11")];
        app.MapGet("/v2/droplets/{id:long}", (long id) => id switch
        {
            WebId => Results.Json(new { droplet = droplets[0] }),
            StoppedId => Results.Json(new { droplet = droplets[1] }),
            _ => Results.Json(new { id = "not_found", message = "The resource you were accessing could not be found." }, statusCode: 404),
        });
        app.MapGet("/v2/droplets", (string? name) => Results.Json(new
        {
            droplets = name == "web-1" ? [droplets[0]] : Array.Empty<object>(),
            meta = new { total = name == "web-1" ? 1 : 0 },
        }));
        app.MapGet("/v2/apps/{id}", (string id) => id switch
        {
            AppId => Results.Json(new
            {
                app = new
                {
                    id, spec = new { name = "shop-api" }, live_url = "https://shop-api.ondigitalocean.app",
                    active_deployment = new { id = "dep-active", phase = "ACTIVE" },
                    in_progress_deployment = new { id = "dep-next", phase = "BUILDING" },
                },
            }),
            BrokenAppId => Results.Json(new
            {
                app = new { id, spec = new { name = "shop-admin" }, active_deployment = new { id = "dep-bad", phase = "ERROR" } },
            }),
            _ => Results.Json(new { id = "not_found", message = "app not found" }, statusCode: 404),
        });
    }

    private static object Droplet(long id, string name, string status, string ip) => new
    {
        id, name, status, memory = 1024,
        networks = new { v4 = new object[] { new { ip_address = "10.0.0.5", type = "private" }, new { ip_address = ip, type = "public" } } },
    };
}

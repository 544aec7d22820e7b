using System.Text.Json;
using Microsoft.Extensions.Options;
using OpsBus.LaneWorker.Actions;

namespace OpsBus.LaneWorker.Adapters.DigitalOcean;

/// <summary>
/// <c>digitalocean.droplet.health</c>: the droplet <c>dropletId</c> (or the one called <c>name</c>) is healthy when its
/// status is <c>active</c>. A droplet still <c>new</c> fails retryably, one that is off or archived for good.
/// Outputs <c>id</c>, <c>status</c>, <c>ip</c> (public IPv4, empty when it has none).
/// </summary>
public sealed class DigitalOceanDropletHealthAction(IHttpClientFactory clients, IOptions<DigitalOceanOptions> options) : IRunAction
{
    public string Name => "digitalocean.droplet.health";

    public async Task ExecuteAsync(StepContext step, CancellationToken cancellationToken)
    {
        var byId = step.OptionalString("dropletId") is not null ? step.RequireId("dropletId") : (long?)null;
        var name = step.OptionalString("name");
        if (byId is null && string.IsNullOrWhiteSpace(name))
            throw step.Invalid("input 'dropletId' or 'name' is required.");

        var api = VendorApi.Connect(clients, options.Value);
        var droplet = byId is { } id
            ? (await api.GetAsync($"v2/droplets/{id}", cancellationToken)).Property("droplet") ?? default
            : await ByName(step, api, name!, cancellationToken);

        var status = droplet.String("status") ?? "unknown";
        var ip = droplet.Property("networks")?.Property("v4").Items().FirstOrDefault(n => n.String("type") == "public") is { ValueKind: JsonValueKind.Object } network
            ? network.String("ip_address") ?? ""
            : "";
        var label = $"droplet {droplet.String("id") ?? byId?.ToString(System.Globalization.CultureInfo.InvariantCulture)} ({droplet.String("name") ?? name})";
        step.Info($"{label} is {status}{(ip.Length > 0 ? $" at {ip}" : "")}");
        step.SetOutput("id", droplet.String("id") ?? "");
        step.SetOutput("status", status);
        step.SetOutput("ip", ip);
        if (status != "active")
            throw new StepFailedException($"DigitalOcean: {label} is {status}, not active.", retryable: status == "new");
    }

    private static async Task<JsonElement> ByName(StepContext step, VendorApi api, string name, CancellationToken cancellationToken)
    {
        var list = await api.GetAsync($"v2/droplets?name={Uri.EscapeDataString(name)}", cancellationToken);
        var matches = list.Property("droplets").Items().Where(d => d.String("name") == name).ToList();
        return matches switch
        {
            [var only] => only,
            [] => throw new StepFailedException($"DigitalOcean: no droplet is called '{name}'.", retryable: false),
            _ => throw step.Invalid($"{matches.Count} droplets are called '{name}': give 'dropletId' instead."),
        };
    }
}

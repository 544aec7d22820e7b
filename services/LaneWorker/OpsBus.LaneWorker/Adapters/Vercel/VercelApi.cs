using System.Text.Json;
using Microsoft.Extensions.Options;

namespace OpsBus.LaneWorker.Adapters.Vercel;

/// <summary>Vercel's API for one step: every call scoped to the configured team.</summary>
public sealed class VercelApi(IHttpClientFactory clients, IOptions<VercelOptions> options)
{
    public VercelOptions Options => options.Value;

    public VendorApi Connect() => VendorApi.Connect(clients, options.Value);

    /// <summary><paramref name="path"/> with the query parameters that have a value, and <c>teamId</c> when configured.</summary>
    public string Path(string path, params (string Name, string? Value)[] query)
    {
        var parameters = query.Append((Name: "teamId", Value: options.Value.TeamId))
            .Where(p => !string.IsNullOrEmpty(p.Value))
            .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}")
            .ToList();
        return parameters.Count == 0 ? path : $"{path}?{string.Join('&', parameters)}";
    }

    /// <summary>The deployments of <paramref name="project"/>, newest first.</summary>
    public async Task<IReadOnlyList<JsonElement>> Deployments(VendorApi api, string project, int limit, CancellationToken cancellationToken)
    {
        var list = await api.GetAsync(Path("v6/deployments", ("projectId", project), ("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture))), cancellationToken);
        return list.Property("deployments").Items().ToList();
    }

    /// <summary>A deployment's id whichever API version answered (<c>uid</c> in lists, <c>id</c> elsewhere).</summary>
    public static string? Id(JsonElement deployment) => deployment.String("uid") ?? deployment.String("id");

    /// <summary>A deployment's state whichever API version answered.</summary>
    public static string State(JsonElement deployment) => deployment.String("readyState") ?? deployment.String("state") ?? "UNKNOWN";

    public static string Url(JsonElement deployment) => deployment.String("url") is { Length: > 0 } url ? VendorJson.AsHttpsUrl(url) : "";
}

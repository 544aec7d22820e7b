using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OpsBus.LaneWorker.Actions;

namespace OpsBus.LaneWorker.Adapters.Supabase;

/// <summary>
/// <c>supabase.health</c>: asks the Management API for the health of <c>services</c> (default db, auth, rest, storage) of
/// the project; fails retryably naming every service that is unhealthy or did not answer. Outputs <c>healthy</c> (a count).
/// </summary>
public sealed class SupabaseHealthAction(IHttpClientFactory clients, IOptions<SupabaseOptions> options) : IRunAction
{
    private static readonly string[] DefaultServices = ["db", "auth", "rest", "storage"];

    public string Name => "supabase.health";

    public async Task ExecuteAsync(StepContext step, CancellationToken cancellationToken)
    {
        var project = step.ProjectRef(options.Value);
        var services = step.OptionalString("services") is { } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : DefaultServices;
        if (services.Length == 0 || services.Any(s => !s.All(c => char.IsAsciiLetterLower(c) || c == '_')))
            throw step.Invalid("input 'services' must be a comma-separated list of service names, e.g. 'db,auth'.");

        var api = VendorApi.Connect(clients, options.Value);
        var answer = await api.GetAsync($"v1/projects/{project}/health?services={string.Join(',', services)}", cancellationToken);

        var healthy = new List<string>();
        var unhealthy = new List<string>();
        foreach (var name in services)
        {
            var service = answer.Items().FirstOrDefault(s => s.String("name") == name);
            var isHealthy = service.Boolean("healthy") == true;
            var status = service.ValueKind == JsonValueKind.Undefined ? "no answer" : service.String("status");
            var described = status is null ? name : $"{name} ({status})";
            (isHealthy ? healthy : unhealthy).Add(described);
            step.Info($"{described}: {(isHealthy ? "healthy" : "unhealthy")}");
        }

        step.SetOutput("healthy", healthy.Count.ToString(CultureInfo.InvariantCulture));
        if (unhealthy.Count > 0)
            throw new StepFailedException($"Supabase: project {project} is unhealthy: {string.Join(", ", unhealthy)}.", retryable: true);
    }
}

using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OpsBus.LaneWorker.Actions;

namespace OpsBus.LaneWorker.Adapters.Supabase;

/// <summary>
/// <c>supabase.sql.smoke</c>: runs <c>sql</c> (default <c>select 1 as ok</c>) through the Management API's query endpoint
/// and expects at least one row back. Outputs <c>rowCount</c>.
/// </summary>
public sealed class SupabaseSqlSmokeAction(IHttpClientFactory clients, IOptions<SupabaseOptions> options) : IRunAction
{
    public string Name => "supabase.sql.smoke";

    public async Task ExecuteAsync(StepContext step, CancellationToken cancellationToken)
    {
        var project = step.ProjectRef(options.Value);
        var sql = step.OptionalString("sql") ?? "select 1 as ok";
        if (string.IsNullOrWhiteSpace(sql))
            throw step.Invalid("input 'sql' must not be empty.");

        var api = VendorApi.Connect(clients, options.Value);
        var result = await api.PostAsync($"v1/projects/{project}/database/query", new { query = sql }, cancellationToken);
        if (result.ValueKind != JsonValueKind.Array)
            throw new StepFailedException($"Supabase: the query on project {project} returned {(result.ValueKind == JsonValueKind.Undefined ? "an empty body" : result.ValueKind.ToString().ToLowerInvariant())}, not rows.", retryable: false);

        var rows = result.GetArrayLength();
        step.Info($"the query returned {rows} row(s){(rows > 0 ? $"; first: {api.Mask(result[0].GetRawText())}" : "")}");
        step.SetOutput("rowCount", rows.ToString(CultureInfo.InvariantCulture));
        if (rows == 0)
            throw new StepFailedException($"Supabase: the query on project {project} returned no rows.", retryable: false);
    }
}

using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Npgsql;
using OpsBus.LaneWorker.Artifacts;
using OpsBus.LaneWorker.Schema;

namespace OpsBus.LaneWorker.Actions;

/// <summary>
/// <c>schema.diff</c>: compares <c>schema</c> (default <c>public</c>) of the <c>source</c> and <c>target</c> environments'
/// PostgreSQL databases (<c>LaneWorker:Databases:&lt;env&gt;</c>) and computes the migration that makes the target match
/// the source. Logs one line per change; outputs <c>changes</c> (the count) and <c>script</c> (the SQL), and attaches the
/// script to the run as the artifact <c>migration-&lt;source&gt;-to-&lt;target&gt;.sql</c> (kind <c>diff</c>). Applies nothing.
/// </summary>
public sealed class SchemaDiffAction(IOptions<LaneWorkerOptions> options) : IRunAction
{
    public string Name => "schema.diff";

    public async Task ExecuteAsync(StepContext step, CancellationToken cancellationToken)
    {
        var source = step.RequireString("source");
        var target = step.RequireString("target");
        var schema = step.OptionalString("schema") ?? "public";

        var sourceModel = await ReadAsync(step, source, schema, cancellationToken);
        var targetModel = await ReadAsync(step, target, schema, cancellationToken);
        var changes = SchemaDiff.Compare(sourceModel, targetModel);

        foreach (var change in changes)
            step.Info(SchemaScript.Describe(change));
        step.Info(changes.Count == 0
            ? $"schema {schema} of {target} matches {source}"
            : $"{changes.Count} change(s) make schema {schema} of {target} match {source}");
        var script = SchemaScript.Render(schema, changes);
        step.SetOutput("changes", changes.Count.ToString(CultureInfo.InvariantCulture));
        step.SetOutput("script", script);
        await step.AttachTextAsync(ScriptName(source, target), ArtifactKind.Diff, "application/sql", script, cancellationToken);
    }

    /// <summary>The artifact name of the script that migrates <paramref name="target"/> to match <paramref name="source"/>.</summary>
    public static string ScriptName(string source, string target) => $"migration-{source}-to-{target}.sql";

    // Errors name the environment and its configuration key, never the connection string.
    private async Task<SchemaModel> ReadAsync(StepContext step, string environment, string schema, CancellationToken cancellationToken)
    {
        var key = $"{LaneWorkerOptions.SectionName}:Databases:{environment}";
        var connectionString = options.Value.FindDatabase(environment)
            ?? throw new StepFailedException($"Step '{step.Step.Id}': no database for environment '{environment}'; set {key} to its connection string.", retryable: false);
        try
        {
            var model = await PostgresSchemaReader.ReadAsync(connectionString, schema, cancellationToken);
            step.Info($"read schema {schema} of {environment}: {model.Tables.Count} table(s)");
            return model;
        }
        catch (ArgumentException)
        {
            throw new StepFailedException($"Step '{step.Step.Id}': {key} is not a valid PostgreSQL connection string.", retryable: false);
        }
        catch (PostgresException e)
        {
            throw new StepFailedException($"Step '{step.Step.Id}': reading schema {schema} of {environment} failed: {e.SqlState} {e.MessageText}", retryable: e.IsTransient);
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            throw new StepFailedException($"Step '{step.Step.Id}': could not reach the database of {environment}: {e.Message}", retryable: true);
        }
    }
}

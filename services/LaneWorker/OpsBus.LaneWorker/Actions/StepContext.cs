using System.Globalization;
using System.Text.Json;
using OpsBus.Contracts;
using OpsBus.LaneWorker.Execution;

namespace OpsBus.LaneWorker.Actions;

/// <summary>
/// What an action sees of its step: inputs (secrets opened, references to earlier steps' outputs replaced), a log that
/// streams to the run (masked), and the outputs it reports.
/// </summary>
public sealed class StepContext(Guid runId, int attempt, PlanStep step, RunLog log)
{
    private readonly Dictionary<string, string> _outputs = new(StringComparer.Ordinal);

    public Guid RunId { get; } = runId;

    public int Attempt { get; } = attempt;

    public PlanStep Step { get; } = step;

    public void Log(string level, string message) => log.Write(level, Step.Id, message);

    public void Info(string message) => Log("info", message);

    /// <summary>What this step reported for later steps, which read it as <c>${{ steps.&lt;id&gt;.outputs.&lt;name&gt; }}</c>.</summary>
    public IReadOnlyDictionary<string, string> Outputs => _outputs;

    /// <summary>Reports an output of this step (a URL, an id, a count) that later steps may reference.</summary>
    public void SetOutput(string name, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        _outputs[name] = value;
    }

    public string RequireString(string name) =>
        OptionalString(name) ?? throw new StepFailedException($"Step '{Step.Id}': input '{name}' is required.", retryable: false);

    public string? OptionalString(string name) =>
        TryGet(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null => null,
                _ => value.GetRawText(),
            }
            : null;

    public double? OptionalNumber(string name)
    {
        if (!TryGet(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind == JsonValueKind.Number)
            return value.GetDouble();
        if (value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            return parsed;
        throw new StepFailedException($"Step '{Step.Id}': input '{name}' must be a number.", retryable: false);
    }

    public bool? OptionalBoolean(string name)
    {
        if (!TryGet(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(value.GetString(), out var parsed) => parsed,
            _ => throw new StepFailedException($"Step '{Step.Id}': input '{name}' must be true or false.", retryable: false),
        };
    }

    /// <summary>An input as JSON of any kind (string, number, object, array…), or null when absent or null.</summary>
    public JsonElement? OptionalJson(string name) =>
        TryGet(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public JsonElement RequireObject(string name) =>
        OptionalObject(name) ?? throw new StepFailedException($"Step '{Step.Id}': input '{name}' is required.", retryable: false);

    /// <summary>An input that must be a JSON object when given.</summary>
    public JsonElement? OptionalObject(string name) => OptionalJson(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Object } value => value,
        _ => throw new StepFailedException($"Step '{Step.Id}': input '{name}' must be an object.", retryable: false),
    };

    /// <summary>
    /// An input that must be an object of names to strings (HTTP headers, labels); numbers and booleans are taken as
    /// their text. Secret values arrive opened, like every other input.
    /// </summary>
    public IReadOnlyDictionary<string, string>? OptionalStringMap(string name)
    {
        if (OptionalObject(name) is not { } map)
            return null;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in map.EnumerateObject())
        {
            result[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString()!,
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                _ => throw new StepFailedException($"Step '{Step.Id}': input '{name}.{property.Name}' must be a string.", retryable: false),
            };
        }
        return result;
    }

    private bool TryGet(string name, out JsonElement value)
    {
        value = default;
        return Step.Inputs is { } inputs && inputs.TryGetValue(name, out value);
    }
}

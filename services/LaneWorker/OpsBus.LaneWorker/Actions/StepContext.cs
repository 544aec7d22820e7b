using System.Globalization;
using System.Text.Json;
using OpsBus.Contracts;
using OpsBus.LaneWorker.Execution;

namespace OpsBus.LaneWorker.Actions;

/// <summary>What an action sees of its step: inputs, a log that streams to the run, and the outputs it reports.</summary>
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

    private bool TryGet(string name, out JsonElement value)
    {
        value = default;
        return Step.Inputs is { } inputs && inputs.TryGetValue(name, out value);
    }
}

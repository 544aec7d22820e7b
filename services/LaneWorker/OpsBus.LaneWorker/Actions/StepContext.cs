using System.Globalization;
using System.Text;
using System.Text.Json;
using MassTransit;
using OpsBus.Contracts;
using OpsBus.LaneWorker.Artifacts;
using OpsBus.LaneWorker.Execution;

namespace OpsBus.LaneWorker.Actions;

/// <summary>
/// What an action sees of its step: inputs (secrets opened, references to earlier steps' outputs replaced), a log that
/// streams to the run (masked), the outputs it reports, the artifacts it attaches and the events it publishes. Without
/// <paramref name="artifacts"/> attaching fails the step; without <paramref name="secrets"/> nothing is masked in attached
/// text; without <paramref name="publish"/> publishing fails the step.
/// </summary>
public sealed class StepContext(
    Guid runId, int attempt, PlanStep step, RunLog log, IRunArtifacts? artifacts = null, RunSecrets? secrets = null, IPublishEndpoint? publish = null)
{
    private const int ShownHashLength = 12;


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

    /// <summary>
    /// Attaches <paramref name="text"/> (UTF-8) to the run, every secret value the run opened replaced by <c>***</c>
    /// first. <paramref name="kind"/> is <c>file</c>, <c>diff</c>, <c>markdown</c> or <c>json</c>.
    /// </summary>
    public async Task<AttachedArtifact> AttachTextAsync(string name, string kind, string contentType, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var masked = secrets?.Mask(text) ?? text;
        await using var content = new MemoryStream(Encoding.UTF8.GetBytes(masked), writable: false);
        return await AttachFileAsync(name, kind, contentType, content, cancellationToken);
    }

    /// <summary>
    /// Streams <paramref name="content"/> to the run's artifacts as it is, unmasked: for content the action made itself
    /// (an archive, a report). Text that may quote a secret goes through <see cref="AttachTextAsync"/>. Logs one line
    /// and sets the output <c>artifact.&lt;name&gt;</c> to the artifact's id.
    /// </summary>
    public async Task<AttachedArtifact> AttachFileAsync(string name, string kind, string contentType, Stream content, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        ArgumentNullException.ThrowIfNull(content);
        var artifact = await AttachingAsync(name, () => Artifacts.AttachAsync(RunId, name, kind, contentType, content, cancellationToken));
        Info($"attached {artifact.Name} ({SizeOf(artifact.Size)}, sha256 {artifact.Sha256?[..Math.Min(ShownHashLength, artifact.Sha256.Length)]}…)");
        SetOutput($"artifact.{name}", artifact.Id.ToString());
        return artifact;
    }

    /// <summary>Attaches a link (absolute http or https) to the run; one that carries a secret value is refused.</summary>
    public async Task<AttachedArtifact> AttachLinkAsync(string name, Uri url, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            throw new StepFailedException($"Step '{Step.Id}': the link '{name}' must be an absolute http or https URL.", retryable: false);
        if (secrets is not null && secrets.Mask(url.OriginalString) != url.OriginalString)
            throw new StepFailedException($"Step '{Step.Id}': the link '{name}' carries a secret value, so it was not attached.", retryable: false);
        var artifact = await AttachingAsync(name, () => Artifacts.AttachLinkAsync(RunId, name, url, cancellationToken));
        Info($"attached link {artifact.Name}");
        SetOutput($"artifact.{name}", artifact.Id.ToString());
        return artifact;
    }

    /// <summary>Publishes an event of the run (one that carries its <see cref="RunId"/>) on the bus the run's commands came from.</summary>
    public Task PublishAsync<T>(T message, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(message);
        return publish is null
            ? throw new StepFailedException($"Step '{Step.Id}': this worker cannot publish events from a step.", retryable: false)
            : publish.Publish(message, cancellationToken);
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

    private IRunArtifacts Artifacts => artifacts ?? UnconfiguredRunArtifacts.Instance;

    private async Task<AttachedArtifact> AttachingAsync(string name, Func<Task<AttachedArtifact>> attach)
    {
        try
        {
            return await attach();
        }
        catch (StepFailedException e)
        {
            throw new StepFailedException($"Step '{Step.Id}': attaching '{name}' failed: {e.Message}", e.Retryable);
        }
    }

    private static string SizeOf(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
    };

    private bool TryGet(string name, out JsonElement value)
    {
        value = default;
        return Step.Inputs is { } inputs && inputs.TryGetValue(name, out value);
    }
}

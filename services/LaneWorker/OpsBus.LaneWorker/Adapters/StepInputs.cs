using System.Globalization;
using System.Text.Json;
using OpsBus.LaneWorker.Actions;

namespace OpsBus.LaneWorker.Adapters;

/// <summary>The input shapes vendor actions share, each validated with a message that names the step and the input.</summary>
internal static class StepInputs
{
    public static StepFailedException Invalid(this StepContext step, string message) =>
        new($"Step '{step.Step.Id}': {message}", retryable: false);

    /// <summary>A string input, or <paramref name="fallback"/>; required when the fallback is null too.</summary>
    public static string StringOr(this StepContext step, string name, string? fallback) =>
        step.OptionalString(name) is { Length: > 0 } value ? value
        : fallback is { Length: > 0 } ? fallback
        : throw step.Invalid($"input '{name}' is required.");

    /// <summary>A whole number between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static int IntOr(this StepContext step, string name, int fallback, int min, int max)
    {
        var value = step.OptionalNumber(name);
        if (value is null)
            return fallback;
        if (value != Math.Floor(value.Value) || value < min || value > max)
            throw step.Invalid($"input '{name}' must be a whole number between {min} and {max}.");
        return (int)value.Value;
    }

    /// <summary>A positive id such as a GitHub run id, given as a number or a string.</summary>
    public static long RequireId(this StepContext step, string name)
    {
        var text = step.RequireString(name);
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw step.Invalid($"input '{name}' must be a positive whole number, got '{text}'.");
    }

    /// <summary>A duration given in seconds (fractions allowed), between zero (excluded) and <paramref name="max"/>.</summary>
    public static TimeSpan SecondsOr(this StepContext step, string name, TimeSpan fallback, TimeSpan max)
    {
        var seconds = step.OptionalNumber(name);
        if (seconds is null)
            return fallback;
        if (seconds <= 0 || seconds > max.TotalSeconds)
            throw step.Invalid($"input '{name}' must be more than 0 and at most {max.TotalSeconds:0} seconds.");
        return TimeSpan.FromSeconds(seconds.Value);
    }

    /// <summary>An object input whose values are all strings, e.g. <c>files</c> (path → content).</summary>
    public static IReadOnlyDictionary<string, string> StringMap(this StepContext step, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in ObjectProperties(step, name))
        {
            map[property.Name] = property.Value.ValueKind == JsonValueKind.String
                ? property.Value.GetString()!
                : throw step.Invalid($"input '{name}': the value of '{property.Name}' must be a string.");
        }

        return map;
    }

    /// <summary>An object input whose values are strings, numbers or booleans, e.g. workflow <c>inputs</c>.</summary>
    public static IReadOnlyDictionary<string, object> ScalarMap(this StepContext step, string name)
    {
        var map = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var property in ObjectProperties(step, name))
        {
            map[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString()!,
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Number => property.Value.GetRawText(),
                _ => throw step.Invalid($"input '{name}': the value of '{property.Name}' must be a string, number or boolean."),
            };
        }

        return map;
    }

    private static IEnumerable<JsonProperty> ObjectProperties(StepContext step, string name)
    {
        if (step.Step.Inputs is not { } inputs || !inputs.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return [];
        return value.ValueKind == JsonValueKind.Object
            ? value.EnumerateObject().ToList()
            : throw step.Invalid($"input '{name}' must be an object.");
    }
}

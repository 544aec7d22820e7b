using System.Text.Json;
using OpsBus.LaneWorker.Adapters;
using OpsBus.Runbooks.SpecKit;

namespace OpsBus.LaneWorker.Actions.SpecKit;

/// <summary>The inputs the Spec Kit actions share.</summary>
internal static class SpecKitInputs
{
    /// <summary>
    /// A list input given as an array of strings, or as one text with an item per line or separated by semicolons
    /// (<see cref="SpecKitRequest.Items"/>); empty when absent.
    /// </summary>
    public static IReadOnlyList<string> Items(this StepContext step, string name)
    {
        if (step.OptionalJson(name) is not { ValueKind: JsonValueKind.Array } array)
            return SpecKitRequest.Items(step.OptionalString(name));
        return array.EnumerateArray()
            .Select(item => item.ValueKind == JsonValueKind.String
                ? item.GetString()!.Trim()
                : throw step.Invalid($"input '{name}' must be a text or an array of texts."))
            .Where(item => item.Length > 0)
            .ToList();
    }

    /// <summary>A text input, null when absent or blank: templates render an optional parameter left out as an empty text.</summary>
    public static string? Given(this StepContext step, string name) =>
        step.OptionalString(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}

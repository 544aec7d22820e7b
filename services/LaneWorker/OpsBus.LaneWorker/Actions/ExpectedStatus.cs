using System.Globalization;
using System.Text.Json;

namespace OpsBus.LaneWorker.Actions;

/// <summary>The HTTP statuses a step accepts: one code, a list of codes, or any 2xx.</summary>
public sealed class ExpectedStatus
{
    private readonly int[]? _codes;

    private ExpectedStatus(int[]? codes) => _codes = codes;

    /// <summary>Any 200–299.</summary>
    public static ExpectedStatus AnySuccess { get; } = new(null);

    public static ExpectedStatus Of(params int[] codes) => new(codes);

    /// <summary>The input as a number (<c>201</c>) or an array of numbers (<c>[200, 204]</c>); null when absent.</summary>
    public static ExpectedStatus? Read(StepContext step, string name)
    {
        if (step.OptionalJson(name) is not { } value)
            return null;
        var codes = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToArray() : [value];
        if (codes.Length == 0)
            throw Invalid(step, name);
        return new ExpectedStatus(codes.Select(code => Code(step, name, code)).ToArray());
    }

    public bool Matches(int status) => _codes?.Contains(status) ?? status is >= 200 and < 300;

    /// <summary>The failure for an unexpected status: retryable for 429 and 5xx (the service may recover), final otherwise.</summary>
    public StepFailedException Mismatch(string request, int status) =>
        new($"{request}: expected HTTP {this}, got {status}", retryable: status == 429 || status >= 500);

    public override string ToString() => _codes is null ? "2xx" : string.Join(" or ", _codes);

    private static int Code(StepContext step, string name, JsonElement code)
    {
        var text = code.ValueKind == JsonValueKind.String ? code.GetString() : code.GetRawText();
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is >= 100 and <= 599
            ? status
            : throw Invalid(step, name);
    }

    private static StepFailedException Invalid(StepContext step, string name) =>
        new($"Step '{step.Step.Id}': input '{name}' must be an HTTP status (100-599) or a non-empty array of them.", retryable: false);
}

using System.Text.Json;

namespace OpsBus.LaneWorker.Actions;

/// <summary>
/// Expectations on a JSON document: an object mapping a <see cref="JsonPath"/> to the JSON value expected there,
/// e.g. <c>{"$.status": "ok", "$.items[0].count": 3}</c>. Numbers compare by value (<c>1.0</c> equals <c>1</c>).
/// </summary>
public sealed class JsonAssertions
{
    private readonly IReadOnlyList<(JsonPath Path, JsonElement Expected)> _expectations;

    private JsonAssertions(IReadOnlyList<(JsonPath Path, JsonElement Expected)> expectations) => _expectations = expectations;

    public int Count => _expectations.Count;

    /// <summary>The assertions of an input, checked for well-formed paths before anything is sent; null when absent.</summary>
    public static JsonAssertions? Read(StepContext step, string name)
    {
        if (step.OptionalObject(name) is not { } map)
            return null;
        var expectations = new List<(JsonPath, JsonElement)>();
        foreach (var property in map.EnumerateObject())
        {
            try
            {
                expectations.Add((JsonPath.Parse(property.Name), property.Value.Clone()));
            }
            catch (FormatException e)
            {
                throw new StepFailedException($"Step '{step.Step.Id}': input '{name}': {e.Message}", retryable: false);
            }
        }
        return new JsonAssertions(expectations);
    }

    /// <summary>One line per expectation the document does not meet: the path, what was expected and what is there.</summary>
    public IReadOnlyList<string> Check(JsonElement document)
    {
        var failures = new List<string>();
        foreach (var (path, expected) in _expectations)
        {
            if (!path.TryEvaluate(document, out var actual))
                failures.Add($"{path}: expected {expected.GetRawText()}, but the path is not in the response");
            else if (!JsonElement.DeepEquals(expected, actual))
                failures.Add($"{path}: expected {expected.GetRawText()}, got {Abbreviate(actual.GetRawText())}");
        }
        return failures;
    }

    private static string Abbreviate(string json) => json.Length <= 200 ? json : json[..200] + "…";
}

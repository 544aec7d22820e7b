using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OpsBus.Runbooks.Templates;

/// <summary>
/// Reads the YAML form of a template. Only the structure is checked here (known keys, value kinds);
/// what the values mean is the <see cref="TemplateDefinitionValidator"/>'s job.
/// </summary>
internal static partial class YamlTemplateReader
{
    private const int MaxDepth = 64;

    private static readonly string[] TemplateKeys = ["slug", "title", "description", "defaultLane", "risk", "environments", "parameters", "steps"];
    private static readonly string[] ParameterKeys = ["key", "label", "type", "required", "default", "allowedValues", "pattern"];
    private static readonly string[] StepKeys = ["id", "title", "phase", "action", "inputs", "timeoutSeconds", "continueOnError"];

    public static RunbookTemplate Read(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(yaml), skipComments: true);
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException ex)
        {
            throw new TemplateYamlException(Reason(ex), (int)ex.Start.Line, (int)ex.Start.Column);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some unterminated flow collections; where it stopped is the best position.
            throw new TemplateYamlException("The YAML is malformed here (an unterminated [ ] or { } before this point?).", (int)scanner.CurrentPosition.Line, (int)scanner.CurrentPosition.Column);
        }

        if (stream.Documents.Count != 1)
            throw new TemplateYamlException($"A template is exactly one YAML document; found {stream.Documents.Count}.", 1, 1);
        var fields = Fields(stream.Documents[0].RootNode, "the template", TemplateKeys);
        return new RunbookTemplate(
            Text(fields, "slug"),
            Text(fields, "title"),
            Text(fields, "description"),
            Text(fields, "defaultLane"),
            Text(fields, "risk"),
            List(fields, "environments", TextOf),
            List(fields, "parameters", Parameter),
            List(fields, "steps", Step));
    }

    private static TemplateParameter Parameter(YamlNode node)
    {
        var fields = Fields(node, "a parameter", ParameterKeys);
        return new TemplateParameter(
            Text(fields, "key"),
            Text(fields, "label"),
            Text(fields, "type"),
            Flag(fields, "required"),
            fields.TryGetValue("default", out var value) && ToJson(value, 0) is { ValueKind: not JsonValueKind.Null } json ? json : null,
            fields.ContainsKey("allowedValues") ? List(fields, "allowedValues", TextOf) : null,
            fields.TryGetValue("pattern", out var pattern) ? TextOf(pattern) : null);
    }

    private static TemplateStep Step(YamlNode node)
    {
        var fields = Fields(node, "a step", StepKeys);
        IReadOnlyDictionary<string, JsonElement>? inputs = null;
        if (fields.TryGetValue("inputs", out var inputsNode))
        {
            inputs = Fields(inputsNode, "the inputs", keys: null)
                .ToDictionary(i => i.Key, i => ToJson(i.Value, 1), StringComparer.Ordinal);
        }

        return new TemplateStep(
            Text(fields, "id"),
            Text(fields, "title"),
            Text(fields, "phase"),
            Text(fields, "action"),
            inputs,
            fields.TryGetValue("timeoutSeconds", out var timeout) ? WholeNumber(timeout) : null,
            Flag(fields, "continueOnError"));
    }

    private static Dictionary<string, YamlNode> Fields(YamlNode node, string what, string[]? keys)
    {
        if (node is not YamlMappingNode mapping)
            throw YamlScalars.Error(node, $"Expected {what} as a mapping of keys to values.");
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
                throw YamlScalars.Error(keyNode, $"The keys of {what} must be plain text.");
            if (keys is not null && !keys.Contains(key, StringComparer.Ordinal))
                throw YamlScalars.Error(keyNode, $"Unknown key '{key}' in {what}; expected one of: {string.Join(", ", keys)}.");
            if (!fields.TryAdd(key, value))
                throw YamlScalars.Error(keyNode, $"The key '{key}' appears twice in {what}.");
        }

        return fields;
    }

    private static string Text(Dictionary<string, YamlNode> fields, string key) =>
        fields.TryGetValue(key, out var node) ? TextOf(node) ?? string.Empty : string.Empty;

    /// <summary>A scalar's text; null for an empty or null scalar. Numbers and booleans read as written.</summary>
    private static string? TextOf(YamlNode node)
    {
        if (node is not YamlScalarNode scalar)
            throw YamlScalars.Error(node, "Expected a single value (text), not a list or mapping.");
        var value = YamlScalars.ToJson(scalar);
        return value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => value.GetString(),
            _ => scalar.Value,
        };
    }

    private static bool Flag(Dictionary<string, YamlNode> fields, string key)
    {
        if (!fields.TryGetValue(key, out var node))
            return false;
        return node is YamlScalarNode scalar && YamlScalars.ToJson(scalar) is { ValueKind: JsonValueKind.True or JsonValueKind.False } value
            ? value.ValueKind == JsonValueKind.True
            : throw YamlScalars.Error(node, $"'{key}' must be true or false.");
    }

    private static int? WholeNumber(YamlNode node)
    {
        if (node is YamlScalarNode scalar && YamlScalars.ToJson(scalar) is var value)
        {
            if (value.ValueKind == JsonValueKind.Null)
                return null;
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
                return number;
        }

        throw YamlScalars.Error(node, "Expected a whole number of seconds.");
    }

    private static IReadOnlyList<T> List<T>(Dictionary<string, YamlNode> fields, string key, Func<YamlNode, T?> item)
    {
        if (!fields.TryGetValue(key, out var node))
            return [];
        if (node is YamlScalarNode scalar && YamlScalars.ToJson(scalar).ValueKind == JsonValueKind.Null)
            return [];
        if (node is not YamlSequenceNode sequence)
            throw YamlScalars.Error(node, $"'{key}' must be a list.");
        return sequence.Children.Select(child => item(child) ?? throw YamlScalars.Error(child, $"An item of '{key}' is empty.")).ToList();
    }

    private static JsonElement ToJson(YamlNode node, int depth) => JsonSerializer.SerializeToElement(ToNode(node, depth));

    private static JsonNode? ToNode(YamlNode node, int depth)
    {
        if (depth > MaxDepth)
            throw YamlScalars.Error(node, $"Values may nest at most {MaxDepth} levels deep.");
        switch (node)
        {
            case YamlScalarNode scalar:
                return JsonNode.Parse(YamlScalars.ToJson(scalar).GetRawText());
            case YamlSequenceNode sequence:
                return new JsonArray(sequence.Children.Select(child => ToNode(child, depth + 1)).ToArray());
            default:
                var result = new JsonObject();
                foreach (var (key, value) in Fields(node, "a value", keys: null))
                    result[key] = ToNode(value, depth + 1);
                return result;
        }
    }

    /// <summary>YamlDotNet puts the marks in the message; the line and column are reported separately.</summary>
    private static string Reason(YamlException ex) => MarksRegex().Replace(ex.Message, string.Empty);

    [GeneratedRegex(@"\A\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", RegexOptions.CultureInvariant)]
    private static partial Regex MarksRegex();
}

using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using OpsBus.Runbooks.Templates;

namespace OpsBus.Orchestrator.Triggers;

/// <summary>
/// A trigger rule's template parameters: literals, or text with <c>${{ github.&lt;field&gt; }}</c> in it, filled from
/// the delivery (<see cref="GitHubFields"/>). A filled value for a number or boolean parameter is converted to one.
/// </summary>
public static partial class ParameterMapping
{
    /// <summary>Field errors (<c>params.key</c>) of a mapping for a template and an event.</summary>
    public static Dictionary<string, string[]> Validate(IReadOnlyDictionary<string, JsonElement> mapping, RunbookTemplate template, string gitHubEvent)
    {
        var errors = new Dictionary<string, string[]>();
        var declared = template.Parameters.ToDictionary(p => p.Key, StringComparer.Ordinal);
        var available = GitHubFields.Of(gitHubEvent);
        foreach (var (key, value) in mapping)
        {
            if (!declared.TryGetValue(key, out var parameter))
            {
                errors[$"params.{key}"] = [$"'{key}' is not a parameter of the template '{template.Slug}'. Its parameters are: {string.Join(", ", declared.Keys)}."];
                continue;
            }
            if (parameter.Type == ParameterTypes.Secret)
            {
                errors[$"params.{key}"] = ["A trigger cannot hold a secret: it would have to be stored. Give the worker the credential in its configuration instead."];
                continue;
            }
            if (value.ValueKind != JsonValueKind.String)
                continue;
            var expressions = AnyExpression().Matches(value.GetString()!).Select(m => m.Value).ToList();
            if (expressions.FirstOrDefault(e => !Expression().IsMatch(e)) is { } foreign)
                errors[$"params.{key}"] = [$"'{foreign}' is not a github.<field> expression: only those may be used in a trigger's parameters."];
            else if (expressions.Select(e => Expression().Match(e).Groups["field"].Value).FirstOrDefault(f => !available.Contains(f)) is { } unknown)
                errors[$"params.{key}"] = [GitHubFields.All.Contains(unknown)
                    ? $"github.{unknown} is not in {gitHubEvent} deliveries; they have github.{string.Join(", github.", available)}."
                    : $"github.{unknown} is not a delivery field; use one of github.{string.Join(", github.", GitHubFields.All)}."];
        }
        return errors;
    }

    /// <summary>True when the value takes something from the delivery.</summary>
    public static bool IsExpression(JsonElement value) => value.ValueKind == JsonValueKind.String && Expression().IsMatch(value.GetString()!);

    /// <summary>The parameters for one delivery, or the first field the delivery lacks.</summary>
    public static IReadOnlyDictionary<string, JsonElement> Render(
        IReadOnlyDictionary<string, JsonElement> mapping, RunbookTemplate template, GitHubEventFacts facts, out string? error)
    {
        error = null;
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var types = template.Parameters.ToDictionary(p => p.Key, p => p.Type, StringComparer.Ordinal);
        foreach (var (key, value) in mapping)
        {
            if (!IsExpression(value))
            {
                result[key] = value;
                continue;
            }
            string? missing = null;
            var text = Expression().Replace(value.GetString()!, match =>
            {
                var field = match.Groups["field"].Value;
                if (facts.Field(field) is { } filled)
                    return filled;
                missing ??= field;
                return "";
            });
            if (missing is not null)
            {
                error = $"params.{key}: this {facts.Event} delivery has no github.{missing}.";
                return result;
            }
            result[key] = Typed(text, types.GetValueOrDefault(key));
        }
        return result;
    }

    private static JsonElement Typed(string text, string? type) => type switch
    {
        ParameterTypes.Number when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonSerializer.SerializeToElement(number),
        ParameterTypes.Boolean when bool.TryParse(text, out var flag) => JsonSerializer.SerializeToElement(flag),
        _ => JsonSerializer.SerializeToElement(text),
    };

    [GeneratedRegex(@"\$\{\{\s*github\.(?<field>[A-Za-z_]+)\s*\}\}")]
    private static partial Regex Expression();

    [GeneratedRegex(@"\$\{\{.*?\}\}")]
    private static partial Regex AnyExpression();
}

using System.Text.Json;

namespace OpsBus.Runbooks.Templates;

/// <summary>
/// Checks the parameters and environment an operator supplies for a run. Types are strict: a number is a JSON
/// number, a boolean JSON true/false; a JSON null counts as not given, so the default applies.
/// </summary>
public static class TemplateParameterValidator
{
    public static ParameterValidationResult Validate(
        RunbookTemplate template,
        IReadOnlyDictionary<string, JsonElement>? parameters,
        string? environment)
    {
        ArgumentNullException.ThrowIfNull(template);
        var errors = new ValidationErrors();
        var declared = (template.Parameters ?? []).DistinctBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, StringComparer.Ordinal);
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);

        foreach (var (key, value) in parameters ?? new Dictionary<string, JsonElement>())
        {
            if (!declared.ContainsKey(key))
                errors.Add($"params.{key}", $"'{key}' is not a parameter of the template '{template.Slug}'. Its parameters are: {Describe(declared.Keys)}.");
        }

        foreach (var parameter in declared.Values)
        {
            var value = Supplied(parameters, parameter.Key) ?? Supplied(parameter.Default);
            if (value is null)
            {
                if (parameter.Required)
                    errors.Add($"params.{parameter.Key}", $"'{parameter.Key}' ({parameter.Label}) is required.");
                continue;
            }

            if (ParameterValueRules.Check(parameter, value.Value) is { } error)
                errors.Add($"params.{parameter.Key}", error);
            else
                values[parameter.Key] = value.Value.Clone();
        }

        var resolved = ResolveEnvironment(template.Environments ?? [], environment, errors);
        return new ParameterValidationResult(errors.ToDictionary(), values, resolved);
    }

    private static string? ResolveEnvironment(IReadOnlyList<string> environments, string? environment, ValidationErrors errors)
    {
        var given = string.IsNullOrWhiteSpace(environment) ? null : environment;
        if (environments.Count == 0)
            return given;
        if (given is null)
        {
            if (environments.Count == 1)
                return environments[0];
            errors.Add("environment", $"An environment is required: one of {string.Join(", ", environments)}.");
            return null;
        }

        if (environments.Contains(given, StringComparer.Ordinal))
            return given;
        errors.Add("environment", $"The environment '{given}' is not one this template targets: one of {string.Join(", ", environments)}.");
        return null;
    }

    private static JsonElement? Supplied(IReadOnlyDictionary<string, JsonElement>? parameters, string key) =>
        parameters is not null && parameters.TryGetValue(key, out var value) ? Supplied(value) : null;

    private static JsonElement? Supplied(JsonElement? value) =>
        value is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } ? value : null;

    private static string Describe(IEnumerable<string> keys)
    {
        var list = keys.ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }
}

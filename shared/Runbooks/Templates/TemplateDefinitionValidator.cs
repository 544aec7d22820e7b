using System.Text.Json;
using System.Text.RegularExpressions;
using OpsBus.Contracts;

namespace OpsBus.Runbooks.Templates;

/// <summary>
/// Checks a template is well formed before it is stored or shipped. Errors are keyed by a JSON-path-like
/// field name (<c>slug</c>, <c>parameters[1].pattern</c>, <c>steps[0].inputs.url</c>); empty means valid.
/// </summary>
public static partial class TemplateDefinitionValidator
{
    public static IReadOnlyDictionary<string, string[]> Validate(RunbookTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var errors = new ValidationErrors();
        ValidateHeader(template, errors);
        ValidateEnvironments(template.Environments ?? [], errors);
        var parameters = ValidateParameters(template.Parameters ?? [], errors);
        ValidateSteps(template, parameters, errors);
        return errors.ToDictionary();
    }

    private static void ValidateHeader(RunbookTemplate template, ValidationErrors errors)
    {
        if (template.Slug is null || !SlugRegex().IsMatch(template.Slug))
            errors.Add("slug", "The slug must be 2–64 lower-case letters, digits or '-', starting with a letter or digit.");
        if (string.IsNullOrWhiteSpace(template.Title))
            errors.Add("title", "A title is required.");
        if (!TemplateRisks.IsValid(template.Risk))
            errors.Add("risk", $"The risk must be one of: {string.Join(", ", TemplateRisks.All)}.");
        if (!Lanes.IsValid(template.DefaultLane))
            errors.Add("defaultLane", $"The default lane must be a lane name (1–32 letters, digits, '-' or '_'), e.g. {string.Join(", ", Lanes.Default)}.");
    }

    private static void ValidateEnvironments(IReadOnlyList<string> environments, ValidationErrors errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < environments.Count; i++)
        {
            var environment = environments[i];
            if (environment is null || !EnvironmentRegex().IsMatch(environment))
                errors.Add($"environments[{i}]", "An environment is a lower-case identifier of letters, digits, '-' or '_', starting with a letter.");
            else if (!seen.Add(environment))
                errors.Add($"environments[{i}]", $"The environment '{environment}' is listed twice.");
        }
    }

    private static Dictionary<string, TemplateParameter> ValidateParameters(IReadOnlyList<TemplateParameter> parameters, ValidationErrors errors)
    {
        var declared = new Dictionary<string, TemplateParameter>(StringComparer.Ordinal);
        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i];
            var field = $"parameters[{i}]";
            if (parameter.Key is null || !ParameterKeyRegex().IsMatch(parameter.Key))
                errors.Add(field + ".key", "A parameter key starts with a letter and holds only letters, digits and '_'.");
            else if (!declared.TryAdd(parameter.Key, parameter))
                errors.Add(field + ".key", $"The parameter '{parameter.Key}' is declared twice.");
            if (string.IsNullOrWhiteSpace(parameter.Label))
                errors.Add(field + ".label", "A label is required.");
            if (!ParameterTypes.IsValid(parameter.Type))
            {
                errors.Add(field + ".type", $"The type must be one of: {string.Join(", ", ParameterTypes.All)}.");
                continue;
            }

            ValidateParameterShape(parameter, field, errors);
        }

        return declared;
    }

    private static void ValidateParameterShape(TemplateParameter parameter, string field, ValidationErrors errors)
    {
        if (parameter.Type == ParameterTypes.Enum)
        {
            var allowed = parameter.AllowedValues ?? [];
            if (allowed.Count == 0 || allowed.Any(string.IsNullOrEmpty))
                errors.Add(field + ".allowedValues", "An enum parameter needs a non-empty list of non-empty allowed values.");
            else if (allowed.Distinct(StringComparer.Ordinal).Count() != allowed.Count)
                errors.Add(field + ".allowedValues", "The allowed values must be unique.");
        }
        else if (parameter.AllowedValues is not null)
        {
            errors.Add(field + ".allowedValues", "Only an enum parameter has allowed values.");
        }

        if (parameter.Pattern is not null)
        {
            if (!ParameterTypes.IsText(parameter.Type))
                errors.Add(field + ".pattern", "Only a string or secret parameter has a pattern.");
            else if (ParameterValueRules.CompilePattern(parameter.Pattern, out var patternError) is null)
                errors.Add(field + ".pattern", patternError!);
        }

        if (parameter.Default is not { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } value)
            return;
        if (parameter.Type == ParameterTypes.Secret)
            errors.Add(field + ".default", "A secret parameter may not have a default: it would be stored in clear in the template.");
        else if (!errors.Has(field + ".allowedValues") && !errors.Has(field + ".pattern") && ParameterValueRules.Check(parameter, value) is { } defaultError)
            errors.Add(field + ".default", "The default does not fit the parameter: " + defaultError);
    }

    private static void ValidateSteps(RunbookTemplate template, Dictionary<string, TemplateParameter> parameters, ValidationErrors errors)
    {
        var steps = template.Steps ?? [];
        if (steps.Count == 0)
        {
            errors.Add("steps", "A template needs at least one step.");
            return;
        }

        var positions = ExecutionPositions(steps);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var field = $"steps[{i}]";
            if (step.Id is null || !StepIdRegex().IsMatch(step.Id))
                errors.Add(field + ".id", "A step id starts with a lower-case letter or digit and holds only lower-case letters, digits, '-' and '_'.");
            else if (!ids.Add(step.Id))
                errors.Add(field + ".id", $"The step id '{step.Id}' is used twice.");
            if (string.IsNullOrWhiteSpace(step.Title))
                errors.Add(field + ".title", "A title is required.");
            if (RunPhases.IndexOf(step.Phase ?? string.Empty) < 0)
                errors.Add(field + ".phase", $"The phase must be one of: {string.Join(", ", RunPhases.Ordered)}.");
            if (string.IsNullOrWhiteSpace(step.Action))
                errors.Add(field + ".action", "An action is required.");
            if (step.TimeoutSeconds is <= 0)
                errors.Add(field + ".timeoutSeconds", "The timeout must be a positive number of seconds.");
            var references = new ReferenceScope(template, parameters, positions, i);
            foreach (var (name, value) in step.Inputs ?? new Dictionary<string, JsonElement>())
                ValidateInput(value, $"{field}.inputs.{name}", references, errors);
        }
    }

    /// <summary>Each step's rank in execution order: phase order, then declaration order; steps with an invalid phase have none.</summary>
    private static Dictionary<string, int> ExecutionPositions(IReadOnlyList<TemplateStep> steps)
    {
        var ordered = steps
            .Select((step, index) => (step, index, phase: RunPhases.IndexOf(step.Phase ?? string.Empty)))
            .Where(s => s.phase >= 0 && s.step.Id is not null)
            .OrderBy(s => s.phase).ThenBy(s => s.index)
            .ToList();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var rank = 0; rank < ordered.Count; rank++)
            positions.TryAdd(ordered[rank].step.Id, rank);
        return positions;
    }

    private static void ValidateInput(JsonElement value, string field, ReferenceScope scope, ValidationErrors errors)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                scope.Check(value.GetString()!, field, errors);
                break;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                    ValidateInput(property.Value, $"{field}.{property.Name}", scope, errors);
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                    ValidateInput(item, $"{field}[{index++}]", scope, errors);
                break;
        }
    }

    [GeneratedRegex(@"\A[a-z0-9][a-z0-9-]{1,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex SlugRegex();

    [GeneratedRegex(@"\A[a-z][a-z0-9_-]{0,31}\z", RegexOptions.CultureInvariant)]
    private static partial Regex EnvironmentRegex();

    [GeneratedRegex(@"\A[a-zA-Z][a-zA-Z0-9_]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterKeyRegex();

    [GeneratedRegex(@"\A[a-z0-9][a-z0-9_-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex StepIdRegex();
}

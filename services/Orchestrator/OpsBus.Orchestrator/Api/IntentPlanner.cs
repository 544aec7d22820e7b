using System.Globalization;
using System.Text.Json;
using OpsBus.Orchestrator.Templates;
using OpsBus.Runbooks.Intents;
using OpsBus.Runbooks.Templates;

namespace OpsBus.Orchestrator.Api;

/// <summary>
/// Turns what <see cref="IntentParser"/> read in a sentence into plan cards over the stored templates (their latest
/// versions): the parameters the text gave, typed as the template declares them, plus the template's defaults; the
/// environment, lane, risk and approval a run would get; and whatever a run would still miss.
/// </summary>
public sealed class IntentPlanner(IntentParser parser, TemplateStore store, ApprovalPolicy approvals)
{
    public async Task<PlanCard> PlanAsync(string text, CancellationToken cancellationToken)
    {
        var reading = parser.Parse(text);
        var templates = (await store.ListAsync(cancellationToken)).ToDictionary(t => t.Template.Slug, t => t.Template, StringComparer.Ordinal);
        var matches = new[] { reading.Best }.Concat(reading.Alternatives).OfType<IntentMatch>()
            .Where(match => templates.ContainsKey(match.Template))
            .ToList();
        var alternatives = matches.Where(match => !ReferenceEquals(match, reading.Best)).Select(match => Card(templates[match.Template], match)).ToList();

        if (reading.Best is { } best && templates.TryGetValue(best.Template, out var template))
            return Card(template, best) with { Alternatives = alternatives, Suggestions = reading.Suggestions };

        var suggestions = reading.Suggestions.Count > 0 ? reading.Suggestions : parser.Parse(null).Suggestions;
        return new PlanCard(null, null, null, null, null, false, 0, [], alternatives, suggestions, []);
    }

    private PlanCard Card(RunbookTemplate template, IntentMatch match)
    {
        var parameters = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var parameter in template.Parameters)
        {
            if (match.Params.TryGetValue(parameter.Key, out var said))
                parameters[parameter.Key] = Typed(parameter, said);
            else if (parameter.Default is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } fallback)
                parameters[parameter.Key] = fallback;
        }

        var check = TemplateParameterValidator.Validate(template, parameters, match.Environment);
        var environment = check.Environment ?? match.Environment;
        var missing = match.Missing.Concat(check.Errors.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new PlanCard(
            template.Slug,
            parameters,
            environment,
            template.DefaultLane,
            template.Risk,
            approvals.Requires(template.Risk, environment),
            match.Confidence,
            template.Steps.Select(s => new PlanCardStep(s.Id, s.Title, s.Phase, s.Action)).ToList(),
            null,
            null,
            missing);
    }

    /// <summary>The text as the JSON value the parameter's type wants: "3" for a number is 3, "yes" for a boolean stays text (and is reported).</summary>
    private static JsonElement Typed(TemplateParameter parameter, string text) => parameter.Type switch
    {
        ParameterTypes.Number when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) =>
            JsonSerializer.SerializeToElement(number),
        ParameterTypes.Boolean when bool.TryParse(text, out var flag) => JsonSerializer.SerializeToElement(flag),
        _ => JsonSerializer.SerializeToElement(text),
    };
}

using OpsBus.Contracts;

namespace OpsBus.Runbooks.Templates;

/// <summary>What the inputs of one step may reference: declared parameters, the environment, earlier steps.</summary>
internal sealed class ReferenceScope(
    RunbookTemplate template,
    IReadOnlyDictionary<string, TemplateParameter> parameters,
    IReadOnlyDictionary<string, int> positions,
    int stepIndex)
{
    private readonly TemplateStep _step = template.Steps[stepIndex];

    public void Check(string text, string field, ValidationErrors errors)
    {
        var references = TemplateReferences.Find(text);
        foreach (var reference in references)
        {
            var problem = reference.Kind switch
            {
                TemplateReferenceKind.Parameter => CheckParameter(reference, text, references.Count),
                TemplateReferenceKind.Environment => (template.Environments ?? []).Count == 0
                    ? "${{ env }} is only available to a template that lists environments."
                    : null,
                TemplateReferenceKind.StepOutput => CheckStepOutput(reference),
                _ => $"'${{{{ {reference.Expression} }}}}' is not a reference: use params.<key>, env or steps.<id>.outputs.<name>.",
            };
            if (problem is not null)
                errors.Add(field, problem);
        }
    }

    private string? CheckParameter(TemplateReference reference, string text, int referenceCount)
    {
        if (!parameters.TryGetValue(reference.ParameterKey!, out var parameter))
            return $"The parameter '{reference.ParameterKey}' is not declared.";
        if (parameter.Type == ParameterTypes.Secret && (referenceCount != 1 || reference.Length != text.Length))
            return $"The secret parameter '{parameter.Key}' must be the whole value (\"${{{{ params.{parameter.Key} }}}}\"): a secret is never interpolated into a larger string.";
        return null;
    }

    private string? CheckStepOutput(TemplateReference reference)
    {
        if (!positions.TryGetValue(reference.StepId!, out var referenced))
            return $"The step '{reference.StepId}' does not exist.";
        if (_step.Id is null || !positions.TryGetValue(_step.Id, out var current) || referenced >= current)
            return $"The step '{reference.StepId}' does not run before this one (steps run in phase order: {string.Join(", ", RunPhases.Ordered)}, then in the order written).";
        return null;
    }
}

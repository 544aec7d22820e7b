namespace OpsBus.Runbooks.Templates;

/// <summary>What a <c>${{ … }}</c> reference points at.</summary>
public enum TemplateReferenceKind
{
    /// <summary>The expression is none of the known forms.</summary>
    Unknown,

    /// <summary><c>${{ params.key }}</c>: substituted when the template is rendered.</summary>
    Parameter,

    /// <summary><c>${{ env }}</c>: the run's environment, substituted when the template is rendered.</summary>
    Environment,

    /// <summary><c>${{ steps.id.outputs.name }}</c>: left in the plan; the lane worker resolves it when the step runs.</summary>
    StepOutput,
}

/// <summary>One <c>${{ … }}</c> found in a string.</summary>
/// <param name="Kind">What it points at.</param>
/// <param name="Index">Where it starts in the string.</param>
/// <param name="Length">Its length, braces included.</param>
/// <param name="Expression">The text between the braces, trimmed, e.g. <c>params.service</c>.</param>
/// <param name="ParameterKey">The parameter key of a <see cref="TemplateReferenceKind.Parameter"/> reference.</param>
/// <param name="StepId">The step id of a <see cref="TemplateReferenceKind.StepOutput"/> reference.</param>
/// <param name="Output">The output name of a <see cref="TemplateReferenceKind.StepOutput"/> reference.</param>
public sealed record TemplateReference(
    TemplateReferenceKind Kind,
    int Index,
    int Length,
    string Expression,
    string? ParameterKey = null,
    string? StepId = null,
    string? Output = null);

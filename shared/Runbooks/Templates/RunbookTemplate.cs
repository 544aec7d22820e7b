namespace OpsBus.Runbooks.Templates;

/// <summary>
/// A runbook an operator starts by name: a parameter schema and the steps rendered into a
/// <see cref="OpsBus.Contracts.RunPlan"/> once the parameters are checked.
/// </summary>
/// <param name="Slug">The name, e.g. <c>healthcheck</c>: lower-case letters, digits and '-'.</param>
/// <param name="Title">What an operator reads in the catalogue.</param>
/// <param name="Description">What it does and when to use it; may be empty.</param>
/// <param name="DefaultLane">The lane a run goes to unless the session says otherwise.</param>
/// <param name="Risk">One of <see cref="TemplateRisks"/>.</param>
/// <param name="Environments">The environments it may target, e.g. dev, staging, prod; empty when it is not environment-specific.</param>
/// <param name="Parameters">What an operator supplies.</param>
/// <param name="Steps">What runs; inputs may reference parameters, the environment and earlier steps' outputs (see <see cref="TemplateReferences"/>).</param>
public sealed record RunbookTemplate(
    string Slug,
    string Title,
    string Description,
    string DefaultLane,
    string Risk,
    IReadOnlyList<string> Environments,
    IReadOnlyList<TemplateParameter> Parameters,
    IReadOnlyList<TemplateStep> Steps);

using System.Text.Json;
using OpsBus.Runbooks.Templates;

namespace OpsBus.Orchestrator.Templates;

/// <summary>A template rendered for a run request, with everything the run records about it.</summary>
/// <param name="Template">The template at the version rendered (its latest).</param>
/// <param name="Rendered">The plan (secrets sealed), the parameters as shown and the plan hash.</param>
/// <param name="Environment">The environment the run targets (given, or the template's only one).</param>
/// <param name="RequiresApproval">What <see cref="ApprovalPolicy"/> says for the template's risk there.</param>
/// <param name="IdempotencyParams">The request's parameters with each secret replaced by a keyed digest: what the idempotency hash covers.</param>
public sealed record TemplateRunPlan(
    StoredTemplate Template,
    RenderedTemplate Rendered,
    string? Environment,
    bool RequiresApproval,
    IReadOnlyDictionary<string, JsonElement> IdempotencyParams)
{
    /// <summary>The parameters as runs record and show them: text, secrets as <c>***</c>.</summary>
    public IReadOnlyDictionary<string, string> DisplayParameters { get; } = Rendered.DisplayParameters.ToDictionary(
        p => p.Key,
        p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(),
        StringComparer.Ordinal);
}

/// <summary>The outcome of <see cref="TemplateRunPlanner.PlanAsync"/>: a plan, field errors, or why the server cannot render it.</summary>
public sealed record TemplateRunPlanning(TemplateRunPlan? Plan, IReadOnlyDictionary<string, string[]>? Errors, string? Unavailable);

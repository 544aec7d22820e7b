namespace OpsBus.Contracts;

/// <summary>
/// What a run executes: ordered steps, each an action registered by name on the lane workers.
/// Steps run in phase order (validate, preflight, action, verify, summarize), then in the order given.
/// </summary>
/// <param name="Steps">The steps of the plan; at least one.</param>
public sealed record RunPlan(IReadOnlyList<PlanStep> Steps);

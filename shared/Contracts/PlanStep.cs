using System.Text.Json;

namespace OpsBus.Contracts;

/// <summary>One step of a <see cref="RunPlan"/>.</summary>
/// <param name="Id">Unique within the plan, e.g. <c>greet</c>.</param>
/// <param name="Title">What an operator reads, e.g. <c>Say hello</c>.</param>
/// <param name="Phase">One of <see cref="RunPhases"/>: validate, preflight, action, verify, summarize.</param>
/// <param name="Action">The registered action name, e.g. <c>echo</c>, <c>sleep</c>, <c>fail</c>, <c>http.check</c>.</param>
/// <param name="Inputs">The action's inputs as JSON values.</param>
/// <param name="TimeoutSeconds">How long the step may take before it fails; null means the worker's default.</param>
/// <param name="ContinueOnError">When true a failure of this step does not stop the plan.</param>
public sealed record PlanStep(
    string Id,
    string Title,
    string Phase,
    string Action,
    IReadOnlyDictionary<string, JsonElement>? Inputs = null,
    int? TimeoutSeconds = null,
    bool ContinueOnError = false);

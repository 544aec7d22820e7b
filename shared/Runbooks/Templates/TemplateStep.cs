using System.Text.Json;

namespace OpsBus.Runbooks.Templates;

/// <summary>One step of a <see cref="RunbookTemplate"/>; rendered into a <see cref="OpsBus.Contracts.PlanStep"/>.</summary>
/// <param name="Id">Unique within the template; lower-case letters, digits, '-' and '_'.</param>
/// <param name="Title">What an operator reads.</param>
/// <param name="Phase">One of <see cref="OpsBus.Contracts.RunPhases"/>.</param>
/// <param name="Action">The action a lane worker runs, e.g. <c>target.check</c>.</param>
/// <param name="Inputs">The action's inputs; strings may hold references (see <see cref="TemplateReferences"/>).</param>
/// <param name="TimeoutSeconds">How long the step may take; null means the worker's default.</param>
/// <param name="ContinueOnError">When true a failure of this step does not stop the run.</param>
public sealed record TemplateStep(
    string Id,
    string Title,
    string Phase,
    string Action,
    IReadOnlyDictionary<string, JsonElement>? Inputs = null,
    int? TimeoutSeconds = null,
    bool ContinueOnError = false);

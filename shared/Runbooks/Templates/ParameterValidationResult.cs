using System.Text.Json;

namespace OpsBus.Runbooks.Templates;

/// <summary>The outcome of checking a run's parameters and environment against a template.</summary>
/// <param name="Errors">Error sentences keyed <c>params.key</c> or <c>environment</c>; empty when valid.</param>
/// <param name="Values">The parameter values with defaults applied; a parameter without a value is absent.</param>
/// <param name="Environment">The environment the run targets, or null when the template has none and none was given.</param>
public sealed record ParameterValidationResult(
    IReadOnlyDictionary<string, string[]> Errors,
    IReadOnlyDictionary<string, JsonElement> Values,
    string? Environment)
{
    public bool IsValid => Errors.Count == 0;
}

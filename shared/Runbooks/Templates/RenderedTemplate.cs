using System.Text.Json;
using OpsBus.Contracts;

namespace OpsBus.Runbooks.Templates;

/// <summary>A template rendered for one run.</summary>
/// <param name="Plan">What the lane worker executes; secret parameters travel as sealed envelopes.</param>
/// <param name="DisplayParameters">The parameter values as operators see them: secrets show <c>***</c>.</param>
/// <param name="PlanHash">What an approval binds to (see <see cref="PlanHasher"/>).</param>
public sealed record RenderedTemplate(
    RunPlan Plan,
    IReadOnlyDictionary<string, JsonElement> DisplayParameters,
    string PlanHash);

using System.Text.Json;

namespace OpsBus.Orchestrator.Api;

/// <summary>
/// What <c>POST /api/intents/parse</c> proposes: a run of a stored template, ready to review. A card whose
/// <see cref="Missing"/> is empty can be sent as is to <c>POST /api/runs</c> (<c>template</c>, <c>params</c>,
/// <c>environment</c>, <c>lane</c>). A sentence not understood gives a card without template and with suggestions.
/// </summary>
/// <param name="Template">The template slug, or null when the text was not understood.</param>
/// <param name="Params">The parameters the text gave, completed with the template's defaults.</param>
/// <param name="Environment">The environment read from the text (or the template's only one).</param>
/// <param name="Lane">The template's default lane.</param>
/// <param name="Risk">The template's risk.</param>
/// <param name="RequiresApproval">Whether a run of this card needs an approver.</param>
/// <param name="Confidence">0..1: how sure the reading is.</param>
/// <param name="Steps">What the run would do, in the template's order.</param>
/// <param name="Alternatives">Other readings, as cards without alternatives of their own; null on an alternative.</param>
/// <param name="Suggestions">Phrasings to try when the text was not understood or left something out; null on an alternative.</param>
/// <param name="Missing">What a run still needs: <c>environment</c> or <c>params.name</c>.</param>
public sealed record PlanCard(
    string? Template,
    IReadOnlyDictionary<string, JsonElement>? Params,
    string? Environment,
    string? Lane,
    string? Risk,
    bool RequiresApproval,
    double Confidence,
    IReadOnlyList<PlanCardStep> Steps,
    IReadOnlyList<PlanCard>? Alternatives,
    IReadOnlyList<string>? Suggestions,
    IReadOnlyList<string> Missing);

/// <summary>One step of a <see cref="PlanCard"/>.</summary>
public sealed record PlanCardStep(string Id, string Title, string Phase, string Action);

/// <summary>The body of <c>POST /api/intents/parse</c>.</summary>
public sealed record ParseIntentRequest
{
    public string? Text { get; init; }
}

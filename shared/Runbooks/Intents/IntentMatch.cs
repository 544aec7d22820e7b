namespace OpsBus.Runbooks.Intents;

/// <summary>One reading of an operator's sentence: which template, with which parameters, on which environment.</summary>
/// <param name="Template">The template slug, e.g. <c>deploy</c>.</param>
/// <param name="Params">
/// Parameter values the text gave. Optional parameters the text did not name are omitted so the template's own
/// defaults apply (deploy's <c>service</c> defaults to <c>web</c> there, schema-sync's <c>from</c> likewise).
/// </param>
/// <param name="Environment">The canonical environment (<c>prod</c>, <c>staging</c>, <c>dev</c>, <c>preview</c>), or null.</param>
/// <param name="Confidence">0..1, never 1: a sentence is read, not proven.</param>
/// <param name="Missing">Required things the text did not give: <c>environment</c> or <c>params.&lt;name&gt;</c>.</param>
public sealed record IntentMatch(
    string Template,
    IReadOnlyDictionary<string, string> Params,
    string? Environment,
    double Confidence,
    IReadOnlyList<string> Missing);

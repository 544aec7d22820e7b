namespace OpsBus.Runbooks.Intents;

/// <summary>What <see cref="IntentParser.Parse"/> understood.</summary>
/// <param name="Best">The reading to propose (confidence at least <see cref="IntentParser.BestThreshold"/>), or null when nothing is clear enough.</param>
/// <param name="Alternatives">Other plausible readings, highest confidence first.</param>
/// <param name="Suggestions">Example phrasings to show when the text was not understood or left something out.</param>
public sealed record IntentResult(
    IntentMatch? Best,
    IReadOnlyList<IntentMatch> Alternatives,
    IReadOnlyList<string> Suggestions);

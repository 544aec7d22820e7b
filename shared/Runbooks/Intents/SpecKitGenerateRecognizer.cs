namespace OpsBus.Runbooks.Intents;

/// <summary>
/// "generate spec for user login with SSO", "write a specification: password reset", "spec-kit billing export".
/// Needs the noun (spec, specification, spec kit): "generate" or "write" alone could mean anything. The feature is
/// everything after the noun (leading "for/about/the…" skipped), copied as typed; when nothing follows, the words
/// just before the noun ("write the login page spec").
/// </summary>
internal sealed class SpecKitGenerateRecognizer : IIntentRecognizer
{
    private const string Feature = "feature";

    public string Template => TemplateSlugs.SpecKitGenerate;

    public IReadOnlyList<string> Examples { get; } = ["generate spec for <feature>", "write a spec for user login with SSO"];

    public IEnumerable<IntentCandidate> Recognize(Utterance utterance)
    {
        var noun = utterance.CuesOf(Template).FirstOrDefault(cue => cue.Keyword!.Cue != Cue.Weak);
        if (noun is null)
            yield break;

        var candidate = new IntentCandidate(Template);
        candidate.Explain(utterance.CuesOf(Template).Where(cue => cue.Index <= noun.Index));
        if ((After(utterance, noun) ?? Before(utterance, noun)) is (var first, var last))
            candidate.CopyVerbatim(Feature, utterance, first, last);
        else
            candidate.Missing.Add(Slots.MissingParam(Feature));
        yield return candidate;
    }

    private static (int First, int Last)? After(Utterance utterance, Token noun)
    {
        var tokens = utterance.Tokens;
        var first = noun.Index + 1;
        while (first < tokens.Count && tokens[first].Kind == TokenKind.Filler)
            first++;
        var last = tokens.Count - 1;
        while (last >= first && tokens[last].Kind == TokenKind.Filler)
            last--;
        return last >= first ? (first, last) : null;
    }

    private static (int First, int Last)? Before(Utterance utterance, Token noun)
    {
        var last = noun.Index - 1;
        var first = last + 1;
        while (first > 0 && utterance.Tokens[first - 1].Kind == TokenKind.Word)
            first--;
        return last >= first ? (first, last) : null;
    }
}

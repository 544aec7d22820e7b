namespace OpsBus.Runbooks.Intents;

/// <summary>"hello", "hi there", "say hello to Ana", "greet Ana Maria": the name is the plain words after the greeting, as typed.</summary>
internal sealed class HelloRecognizer : IIntentRecognizer
{
    public string Template => TemplateSlugs.Hello;

    public IReadOnlyList<string> Examples { get; } = ["hello", "say hello to <name>"];

    public IEnumerable<IntentCandidate> Recognize(Utterance utterance)
    {
        var cues = utterance.CuesOf(Template).ToArray();
        if (cues.Length == 0)
            yield break;

        var candidate = new IntentCandidate(Template);
        candidate.Explain(cues);
        if (Slots.RunFrom(utterance, cues[^1].Index + 1, token => token.Kind == TokenKind.Word) is (var first, var last))
        {
            candidate.Params["name"] = utterance.Slice(first, last);
            candidate.Explain(utterance.Tokens.Skip(first).Take(last - first + 1));
        }

        yield return candidate;
    }
}

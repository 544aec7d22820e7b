namespace OpsBus.Runbooks.Intents;

/// <summary>
/// "fix 502 errors in checkout on prod", "triage TimeoutException in payments staging", "debug checkout 5xx on live".
/// The service is the plain word after "in/on/at/for/of", else the first plain word that does not look like an error.
/// The error is the first run of plain words and problem nouns (copied as typed), kept only when it says more than
/// a generic noun: "investigate the outage" names no error.
/// </summary>
internal sealed class IncidentTriageRecognizer : IIntentRecognizer
{
    private const string Service = "service";
    private const string Error = "error";

    private static readonly IReadOnlySet<string> GenericProblems = new HashSet<string>(
    [
        "error", "errors", "incident", "incidents", "outage", "outages", "issue", "issues", "problem", "problems",
        "alert", "alerts", "bug", "bugs", "failure", "failures", "failing", "crashing",
    ], StringComparer.Ordinal);

    public string Template => TemplateSlugs.IncidentTriage;

    public IReadOnlyList<string> Examples { get; } =
        ["triage <error> in <service> on <env>", "fix 502 errors in checkout on prod", "investigate TimeoutException in payments staging"];

    public IEnumerable<IntentCandidate> Recognize(Utterance utterance)
    {
        var cues = utterance.CuesOf(Template).ToArray();
        if (cues.Length == 0)
            yield break;

        var names = utterance.Words.Where(word => !Slots.LooksLikeError(word)).ToArray();
        var service = names.FirstOrDefault(word => utterance.Follows(word.Index, Lexicon.PlacePreposition)) ?? names.FirstOrDefault();
        var error = FindError(utterance, service);

        foreach (var choice in Slots.EnvironmentChoices(utterance))
        {
            var candidate = new IntentCandidate(Template);
            candidate.Explain(cues);
            candidate.Apply(choice);
            if (service is null)
                candidate.Missing.Add(Slots.MissingParam(Service));
            else
            {
                candidate.Params[Service] = service.Norm;
                candidate.Explain(service);
            }

            if (error is (var first, var last))
                candidate.CopyVerbatim(Error, utterance, first, last);
            yield return candidate;
        }
    }

    private (int First, int Last)? FindError(Utterance utterance, Token? service)
    {
        bool Member(Token token) =>
            token != service && (token.Kind == TokenKind.Word || token.Keyword is { Cue: Cue.Object } keyword && keyword.Template == Template);

        var tokens = utterance.Tokens;
        for (var first = 0; first < tokens.Count; first++)
        {
            if (!Member(tokens[first]))
                continue;
            var last = first;
            while (last + 1 < tokens.Count && Member(tokens[last + 1]))
                last++;
            if (tokens.Skip(first).Take(last - first + 1).Any(token => !GenericProblems.Contains(token.Norm)))
                return (first, last);
            first = last;
        }

        return null;
    }
}

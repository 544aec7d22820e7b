namespace OpsBus.Runbooks.Intents;

/// <summary>
/// "deploy api to prod", "ship checkout to staging from release/1.2", "roll out v1.4.0 on live".
/// The service is the first plain word; the ref is a word after "from/at/tag/branch…" or one shaped like a
/// ref. An environment after "from" is a promotion source, which deploy has no parameter for: it stays
/// unexplained and lowers the confidence instead of being taken as the target.
/// </summary>
internal sealed class DeployRecognizer : IIntentRecognizer
{
    public string Template => TemplateSlugs.Deploy;

    public IReadOnlyList<string> Examples { get; } =
        ["deploy staging", "deploy api to prod", "deploy api to staging from release/1.2"];

    public IEnumerable<IntentCandidate> Recognize(Utterance utterance)
    {
        var cues = utterance.CuesOf(Template).ToArray();
        if (cues.Length == 0)
            yield break;

        var reference = utterance.Words.FirstOrDefault(word => utterance.Follows(word.Index, Lexicon.RefMarkers))
            ?? utterance.Words.FirstOrDefault(Slots.LooksLikeRef);
        var service = utterance.Words.FirstOrDefault(word => word != reference && !Slots.LooksLikeRef(word));

        foreach (var choice in Slots.EnvironmentChoices(utterance, env => !utterance.Follows(env.Index, Sources)))
        {
            var candidate = new IntentCandidate(Template);
            candidate.Explain(cues);
            candidate.Apply(choice);
            if (service is not null)
            {
                candidate.Params["service"] = service.Norm;
                candidate.Explain(service);
            }

            if (reference is not null)
            {
                candidate.Params["ref"] = reference.Text;
                candidate.Explain(reference);
            }

            yield return candidate;
        }
    }

    private static readonly IReadOnlySet<string> Sources = new HashSet<string>(["from"], StringComparer.Ordinal);
}

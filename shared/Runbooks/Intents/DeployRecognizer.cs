namespace OpsBus.Runbooks.Intents;

/// <summary>
/// "deploy api to prod", "ship checkout to staging from release/1.2", "roll out v1.4.0 on live".
/// The service is the first plain word; the ref is a word after "from/at/tag/branch…", one shaped like a ref,
/// or one pinned to the service ("checkout@v2.3.1"). An environment after "from" is a promotion source, which
/// deploy has no parameter for: it stays unexplained and lowers the confidence instead of being the target.
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
                var (name, pinned) = SplitPinnedRef(service);
                candidate.Params["service"] = name;
                if (pinned is not null)
                    candidate.Params["ref"] = pinned;
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

    /// <summary>"checkout@v2.3.1": the service and the ref it is pinned to.</summary>
    private static (string Service, string? Ref) SplitPinnedRef(Token service)
    {
        var at = service.Text.IndexOf('@', StringComparison.Ordinal);
        return at > 0 ? (service.Norm[..at], service.Text[(at + 1)..]) : (service.Norm, null);
    }

    private static readonly IReadOnlySet<string> Sources = new HashSet<string>(["from"], StringComparer.Ordinal);
}

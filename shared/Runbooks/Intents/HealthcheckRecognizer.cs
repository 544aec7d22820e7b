namespace OpsBus.Runbooks.Intents;

/// <summary>"check prod status", "is api up in staging?", "ping checkout on live", "how's prod".</summary>
internal sealed class HealthcheckRecognizer : IIntentRecognizer
{
    public string Template => TemplateSlugs.Healthcheck;

    public IReadOnlyList<string> Examples { get; } = ["check prod status", "is api up in staging", "healthcheck checkout on prod"];

    public IEnumerable<IntentCandidate> Recognize(Utterance utterance)
    {
        var cues = utterance.CuesOf(Template).ToArray();
        if (cues.Length == 0)
            yield break;

        var service = utterance.Words.FirstOrDefault(word => !Slots.LooksLikeError(word));
        foreach (var choice in Slots.EnvironmentChoices(utterance))
        {
            var candidate = new IntentCandidate(Template);
            candidate.Explain(cues);
            candidate.Apply(choice);
            if (service is not null)
            {
                candidate.Params["service"] = service.Norm;
                candidate.Explain(service);
            }

            yield return candidate;
        }
    }
}

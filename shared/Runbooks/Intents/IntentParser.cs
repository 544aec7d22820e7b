namespace OpsBus.Runbooks.Intents;

/// <summary>
/// Reads an operator's sentence ("deploy api to prod") into the runbook template to run and its parameters.
/// Deterministic and local: a tokenizer, a vocabulary (<see cref="Lexicon"/>), one recognizer per template and a
/// scorer. Stateless and thread-safe: construct once and share. Never throws on any input.
/// </summary>
public sealed class IntentParser
{
    /// <summary>A reading below this is never presented as <see cref="IntentResult.Best"/>.</summary>
    public const double BestThreshold = 0.4;

    /// <summary>Readings below this are noise and are not shown at all.</summary>
    public const double NoiseFloor = 0.2;

    /// <summary>A runner-up this close to the top reading makes the sentence ambiguous: every reading then loses <see cref="AmbiguityPenalty"/>.</summary>
    public const double AmbiguityMargin = 0.1;

    /// <summary>What ambiguity costs every reading: "check and deploy staging" is neither a sure check nor a sure deploy.</summary>
    public const double AmbiguityPenalty = 0.1;

    /// <summary>Text past this many characters is ignored: an intent is a sentence, not a document.</summary>
    public const int MaxInputLength = Tokenizer.MaxLength;

    private const int MaxSuggestions = 5;

    /// <summary>Scores are rounded to two decimals; this absorbs the binary error when comparing them.</summary>
    private const double Rounding = 1e-9;

    private static readonly string[] GeneralSuggestions =
    [
        "deploy staging",
        "check prod status",
        "generate spec for <feature>",
        "triage <error> in <service> on <env>",
        "sync schema from staging to prod",
        "say hello to <name>",
    ];

    private readonly IReadOnlyList<IIntentRecognizer> _recognizers =
    [
        new DeployRecognizer(),
        new HealthcheckRecognizer(),
        new SpecKitGenerateRecognizer(),
        new IncidentTriageRecognizer(),
        new SchemaSyncRecognizer(),
        new HelloRecognizer(),
    ];

    /// <summary>Reads <paramref name="text"/>; null, empty or garbage give no best reading and suggestions instead.</summary>
    public IntentResult Parse(string? text)
    {
        var utterance = Utterance.Of(text);
        if (utterance.IsBlank || utterance.HasVeto)
            return new IntentResult(null, [], Suggest([]));

        var ranked = Rank(utterance);
        var best = ranked.Count > 0 && ranked[0].Confidence >= BestThreshold ? ranked[0] : null;
        var alternatives = best is null ? ranked : ranked.Skip(1).ToArray();
        var suggestions = best switch
        {
            null => Suggest(alternatives.Select(match => match.Template)),
            { Missing.Count: > 0 } => ExamplesOf(best.Template),
            _ => [],
        };
        return new IntentResult(best, alternatives, suggestions);
    }

    private IReadOnlyList<IntentMatch> Rank(Utterance utterance)
    {
        var candidates = _recognizers.SelectMany(recognizer => recognizer.Recognize(utterance)).ToArray();
        var scored = candidates
            .Where(candidate => !IsQuotedByAnother(candidate, candidates, utterance))
            .Select(candidate => (Candidate: candidate, Score: IntentScorer.Score(candidate, utterance)))
            .Where(pair => pair.Score >= NoiseFloor)
            .OrderByDescending(pair => pair.Score)
            .ThenBy(pair => Anchor(pair.Candidate, utterance))
            .ToArray();
        if (scored.Length == 0)
            return [];

        var ambiguous = scored.Length > 1 && scored[0].Score - scored[1].Score <= AmbiguityMargin + Rounding;
        return scored
            .Select(pair => ToMatch(pair.Candidate, ambiguous
                ? Math.Round(pair.Score - AmbiguityPenalty, 2, MidpointRounding.AwayFromZero)
                : pair.Score))
            .Where(match => match.Confidence >= NoiseFloor)
            .ToArray();
    }

    /// <summary>Where the reading's own cue first appears: on equal scores the verb said first wins.</summary>
    private static int Anchor(IntentCandidate candidate, Utterance utterance) =>
        candidate.OwnCues(utterance).Select(cue => cue.Index).DefaultIfEmpty(int.MaxValue).First();

    /// <summary>
    /// "generate spec for prod deploy pipeline": "deploy" is part of the feature text another reading copied
    /// verbatim, not a request to deploy.
    /// </summary>
    private static bool IsQuotedByAnother(IntentCandidate candidate, IEnumerable<IntentCandidate> all, Utterance utterance)
    {
        var cues = candidate.OwnCues(utterance).Select(cue => cue.Index).ToArray();
        return cues.Length > 0 && all.Any(other => other.Template != candidate.Template && cues.All(other.IsVerbatim));
    }

    private static IntentMatch ToMatch(IntentCandidate candidate, double confidence) => new(
        candidate.Template,
        new Dictionary<string, string>(candidate.Params, StringComparer.Ordinal).AsReadOnly(),
        candidate.Environment,
        confidence,
        candidate.Missing.ToArray());

    private IReadOnlyList<string> ExamplesOf(string template) =>
        _recognizers.First(recognizer => recognizer.Template == template).Examples;

    private IReadOnlyList<string> Suggest(IEnumerable<string> templates) =>
        templates.Distinct(StringComparer.Ordinal)
            .SelectMany(template => ExamplesOf(template).Take(1))
            .Concat(GeneralSuggestions)
            .Distinct(StringComparer.Ordinal)
            .Take(MaxSuggestions)
            .ToArray();
}

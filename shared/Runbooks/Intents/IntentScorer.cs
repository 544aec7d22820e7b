namespace OpsBus.Runbooks.Intents;

/// <summary>
/// Turns a candidate into a confidence. Start from <see cref="Ceiling"/> (a sentence is never proof), then
/// lose confidence for a weak cue, for every word the reading leaves unexplained, and for anything required
/// that is missing. The numbers are chosen so that verb + object + environment scores at least 0.8, one
/// missing requirement about 0.5, and a guess below <see cref="IntentParser.BestThreshold"/>.
/// </summary>
internal static class IntentScorer
{
    public const double Ceiling = 0.95;

    /// <summary>Only an object ("prod status") or only a generic verb ("push api to prod"): clear, but less so.</summary>
    public const double WeakCue = 0.15;

    /// <summary>A cue of another template left over, e.g. "check" in "check and deploy staging".</summary>
    public const double ForeignCue = 0.25;

    /// <summary>An environment the reading does not use ("deploy prod and staging" read as prod).</summary>
    public const double UnusedEnvironment = 0.2;

    /// <summary>A word that fills no slot ("deploy api gateway to prod": "gateway").</summary>
    public const double UnusedWord = 0.15;

    /// <summary>Confidence cap with one requirement missing; each further one costs <see cref="PerExtraMissing"/>.</summary>
    public const double MissingCap = 0.5;

    public const double PerExtraMissing = 0.05;

    public static double Score(IntentCandidate candidate, Utterance utterance)
    {
        var own = candidate.OwnCues(utterance).Select(token => token.Keyword!.Cue).ToHashSet();
        var hasVerb = own.Contains(Cue.Strong) || own.Contains(Cue.Weak);
        if (LeadsWithUnknownVerb(candidate, utterance, hasVerb))
            return 0;

        var score = Ceiling;
        if (!own.Contains(Cue.Strong) && !(own.Contains(Cue.Weak) && own.Contains(Cue.Object)))
            score -= WeakCue;
        score -= utterance.Tokens.Where(token => !candidate.Explained.Contains(token.Index)).Sum(token => Cost(candidate, token));
        score -= candidate.Penalty;
        if (candidate.Missing.Count > 0)
            score = Math.Min(score, MissingCap - PerExtraMissing * (candidate.Missing.Count - 1));
        return Math.Round(Math.Clamp(score, 0, Ceiling), 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// Commands start with their verb. When this reading has no verb of its own and the sentence opens with a
    /// word we do not know ("delete the prod database", "drop db on prod"), that word is the operator's real verb:
    /// the reading is not just weak, it is wrong.
    /// </summary>
    private static bool LeadsWithUnknownVerb(IntentCandidate candidate, Utterance utterance, bool hasVerb)
    {
        if (hasVerb)
            return false;
        var lead = utterance.Tokens.FirstOrDefault(token => token.IsSignificant && !IsPoliteness(candidate, token));
        return lead is { Kind: TokenKind.Word } && !candidate.Explained.Contains(lead.Index);
    }

    private static double Cost(IntentCandidate candidate, Token token) => token.Kind switch
    {
        TokenKind.Environment => UnusedEnvironment,
        TokenKind.Word => UnusedWord,
        TokenKind.Keyword when IsPoliteness(candidate, token) => 0,
        TokenKind.Keyword => token.Keyword!.Cue == Cue.Weak ? UnusedWord : ForeignCue,
        _ => 0,
    };

    /// <summary>A greeting in front of another request ("hi, deploy prod") is politeness, not a second intent.</summary>
    private static bool IsPoliteness(IntentCandidate candidate, Token token) =>
        token.IsKeywordOf(TemplateSlugs.Hello) && candidate.Template != TemplateSlugs.Hello;
}

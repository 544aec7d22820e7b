namespace OpsBus.Runbooks.Intents;

/// <summary>
/// "sync database schema from staging to prod", "sync schema to dev", "schema sync prod", "migrate db staging -> prod".
/// The environment is the target; <c>from</c> is the source. An environment after "from" is the source, one after
/// "to/into/->" the target; an unmarked one fills whichever is still open, target first. Two unmarked ones are read
/// as "source target", which is a guess and costs confidence. A source equal to the target makes no sense and costs more.
/// </summary>
internal sealed class SchemaSyncRecognizer : IIntentRecognizer
{
    private const string From = "from";
    private const double GuessedOrderPenalty = 0.1;
    private const double SameSourcePenalty = 0.3;

    private static readonly IReadOnlySet<string> SourceMarkers = new HashSet<string>([From], StringComparer.Ordinal);

    public string Template => TemplateSlugs.SchemaSync;

    public IReadOnlyList<string> Examples { get; } =
        ["sync schema from staging to prod", "sync database schema to dev", "schema sync prod"];

    public IEnumerable<IntentCandidate> Recognize(Utterance utterance)
    {
        var cues = utterance.CuesOf(Template).ToArray();
        if (cues.Length == 0)
            yield break;

        var candidate = new IntentCandidate(Template);
        candidate.Explain(cues);

        var mentions = utterance.Tokens.Where(token => token.Kind == TokenKind.Environment).ToArray();
        var source = mentions.FirstOrDefault(env => utterance.Follows(env.Index, SourceMarkers));
        var target = mentions.FirstOrDefault(env => utterance.Follows(env.Index, Lexicon.Destinations));
        var unmarked = new Queue<Token>(mentions.Where(env => env != source && env != target
            && !utterance.Follows(env.Index, SourceMarkers) && !utterance.Follows(env.Index, Lexicon.Destinations)));

        if (source is null && target is null && unmarked.Count >= 2)
        {
            source = unmarked.Dequeue();
            candidate.Penalty += GuessedOrderPenalty;
        }

        target ??= unmarked.TryDequeue(out var open) ? open : null;
        source ??= unmarked.TryDequeue(out var rest) ? rest : null;

        var targetMentions = mentions.Where(env => env.Environment == target?.Environment).ToArray();
        candidate.Apply(new EnvironmentChoice(target?.Environment, targetMentions));
        if (source is not null && source.Environment == target?.Environment)
            candidate.Penalty += SameSourcePenalty;
        else if (source is not null)
        {
            candidate.Params[From] = source.Environment!;
            candidate.Explain(source);
        }

        yield return candidate;
    }
}

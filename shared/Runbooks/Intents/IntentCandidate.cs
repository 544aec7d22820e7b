namespace OpsBus.Runbooks.Intents;

/// <summary>
/// A recognizer's reading of the sentence before scoring: the slots it filled and which tokens it accounts for.
/// Tokens nobody accounts for are what lowers the confidence (see <see cref="IntentScorer"/>).
/// </summary>
internal sealed class IntentCandidate(string template)
{
    public string Template { get; } = template;

    public string? Environment { get; set; }

    public Dictionary<string, string> Params { get; } = new(StringComparer.Ordinal);

    public List<string> Missing { get; } = [];

    /// <summary>Indexes of the tokens this reading uses: its cues, its environment, its parameter values.</summary>
    public HashSet<int> Explained { get; } = [];

    /// <summary>Tokens copied verbatim into a parameter (a feature or an error text); words inside are not cues for other templates.</summary>
    public (int First, int Last)? Verbatim { get; set; }

    /// <summary>Doubts the recognizer has about its own reading, e.g. an environment order it had to guess.</summary>
    public double Penalty { get; set; }

    public void Explain(IEnumerable<Token> tokens)
    {
        foreach (var token in tokens)
            Explained.Add(token.Index);
    }

    public void Explain(Token token) => Explained.Add(token.Index);

    public void CopyVerbatim(string name, Utterance utterance, int first, int last)
    {
        Params[name] = utterance.Slice(first, last);
        Verbatim = (first, last);
        for (var i = first; i <= last; i++)
            Explained.Add(i);
    }

    /// <summary>The explained tokens that are this template's own keywords: its verb and object.</summary>
    public IEnumerable<Token> OwnCues(Utterance utterance) =>
        Explained.Order().Select(index => utterance.Tokens[index]).Where(token => token.IsKeywordOf(Template));

    public bool IsVerbatim(int index) => Verbatim is (var first, var last) && index >= first && index <= last;
}

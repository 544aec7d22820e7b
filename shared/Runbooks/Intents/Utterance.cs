namespace OpsBus.Runbooks.Intents;

/// <summary>
/// The operator's sentence, normalized: sanitized text plus tokens that know what they are (environment,
/// keyword, filler, veto or plain word). Phrases from the lexicon ("roll out", "look into") are one token.
/// </summary>
internal sealed class Utterance
{
    private Utterance(string text, IReadOnlyList<Token> tokens)
    {
        Text = text;
        Tokens = tokens;
    }

    /// <summary>The sanitized text the token offsets refer to.</summary>
    public string Text { get; }

    public IReadOnlyList<Token> Tokens { get; }

    public bool HasVeto => Tokens.Any(token => token.Kind == TokenKind.Veto);

    public bool IsBlank => !Tokens.Any(token => token.IsSignificant);

    public static Utterance Of(string? raw)
    {
        var text = Tokenizer.Sanitize(raw);
        var words = Tokenizer.Split(text)
            .Select(span => (span.Start, span.End, Norm: Normalize(text[span.Start..span.End])))
            .ToArray();
        var tokens = new List<Token>(words.Length);
        for (var i = 0; i < words.Length;)
        {
            var length = PhraseLengthAt(words, i);
            var (start, end) = (words[i].Start, words[i + length - 1].End);
            var norm = string.Join(' ', words.Skip(i).Take(length).Select(word => word.Norm));
            tokens.Add(new Token(tokens.Count, text[start..end], norm, start, end, Classify(norm)));
            i += length;
        }

        return new Utterance(text, tokens);
    }

    /// <summary>
    /// The sanitized text from token <paramref name="first"/> to token <paramref name="last"/>, as typed, widened
    /// over a quote or closing bracket the words leave open ("Team invites" (v2) keeps both quotes and the bracket).
    /// </summary>
    public string Slice(int first, int last)
    {
        var (start, end) = (Tokens[first].Start, Tokens[last].End);
        while (start > 0 && IsQuote(Text[start - 1]) && Text[start..end].Count(IsQuote) % 2 == 1)
            start--;
        while (end < Text.Length && IsQuote(Text[end]) && Text[start..end].Count(IsQuote) % 2 == 1)
            end++;
        while (end < Text.Length && Closers.Contains(Text[end]) && Text[start..end].Count(Openers.Contains) > Text[start..end].Count(Closers.Contains))
            end++;
        return Text[start..end];
    }

    /// <summary>The token before <paramref name="index"/>, looking past determiners ("from the staging env").</summary>
    public Token? Before(int index)
    {
        var previous = index - 1;
        while (previous >= 0 && Lexicon.Determiners.Contains(Tokens[previous].Norm))
            previous--;
        return previous >= 0 ? Tokens[previous] : null;
    }

    /// <summary>Whether the word before <paramref name="index"/> (past determiners) is one of <paramref name="norms"/>.</summary>
    public bool Follows(int index, IReadOnlySet<string> norms) => Before(index) is { } previous && norms.Contains(previous.Norm);

    public IEnumerable<Token> CuesOf(string template) => Tokens.Where(token => token.IsKeywordOf(template));

    public IEnumerable<Token> Words => Tokens.Where(token => token.Kind == TokenKind.Word);

    private const string Openers = "([{";
    private const string Closers = ")]}";

    private static bool IsQuote(char c) => c is '"' or '“' or '”' or '«' or '»';

    private static string Normalize(string word)
    {
        var norm = word.ToLowerInvariant();
        if (Lexicon.Knows(norm))
            return norm;
        if (norm.EndsWith("'s", StringComparison.Ordinal) && Lexicon.Knows(norm[..^2]))
            return norm[..^2];
        var spaced = norm.Replace('-', ' ').Replace('_', ' ');
        return Lexicon.Knows(spaced) ? spaced : norm;
    }

    private static int PhraseLengthAt((int Start, int End, string Norm)[] words, int index)
    {
        foreach (var phrase in Lexicon.Phrases)
        {
            if (index + phrase.Length > words.Length)
                continue;
            var matches = true;
            for (var k = 0; k < phrase.Length && matches; k++)
                matches = words[index + k].Norm == phrase[k];
            if (matches)
                return phrase.Length;
        }

        return 1;
    }

    private static TokenKind Classify(string norm) => norm switch
    {
        _ when Lexicon.Vetoes.Contains(norm) => TokenKind.Veto,
        _ when Lexicon.Environments.ContainsKey(norm) => TokenKind.Environment,
        _ when Lexicon.Keywords.ContainsKey(norm) => TokenKind.Keyword,
        _ when Lexicon.Fillers.Contains(norm) => TokenKind.Filler,
        _ => TokenKind.Word,
    };
}

namespace OpsBus.Runbooks.Intents;

/// <summary>What a token is to the parser.</summary>
internal enum TokenKind
{
    /// <summary>Carries no meaning on its own (see <see cref="Lexicon.Fillers"/>).</summary>
    Filler,

    /// <summary>Names an environment; <see cref="Token.Environment"/> holds the canonical name.</summary>
    Environment,

    /// <summary>Points at a template; <see cref="Token.Keyword"/> says which and how strongly.</summary>
    Keyword,

    /// <summary>Cancels or reverses an action (see <see cref="Lexicon.Vetoes"/>).</summary>
    Veto,

    /// <summary>Anything else: a service, a feature, an error text, a ref, a name, or a word we do not know.</summary>
    Word,
}

/// <summary>One word (or joined phrase) of the sentence, with where it sits in the sanitized text.</summary>
/// <param name="Index">Position in the token list.</param>
/// <param name="Text">The word as typed.</param>
/// <param name="Norm">Lower-case form, hyphenated phrases spelled with spaces ("roll-out" → "roll out").</param>
/// <param name="Start">Offset of the first character in the sanitized text.</param>
/// <param name="End">Offset just past the last character.</param>
/// <param name="Kind">What the word is to the parser.</param>
internal sealed record Token(int Index, string Text, string Norm, int Start, int End, TokenKind Kind)
{
    public string? Environment => Kind == TokenKind.Environment ? Lexicon.Environments[Norm] : null;

    public Keyword? Keyword => Kind == TokenKind.Keyword ? Lexicon.Keywords[Norm] : null;

    /// <summary>True when the word means something to the parser or stands for a value.</summary>
    public bool IsSignificant => Kind != TokenKind.Filler;

    public bool IsKeywordOf(string template) => Keyword?.Template == template;
}

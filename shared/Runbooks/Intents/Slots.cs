using System.Text.RegularExpressions;

namespace OpsBus.Runbooks.Intents;

/// <summary>Slot-filling helpers the recognizers share: environments, refs, error words, runs of plain words.</summary>
internal static partial class Slots
{
    public const string MissingEnvironment = "environment";

    public static string MissingParam(string name) => $"params.{name}";

    /// <summary>
    /// Each distinct environment the sentence names, in order of first mention, with the tokens naming it
    /// (so "prod ... production" is one choice). A single empty choice when none is named, so a recognizer can
    /// still offer its reading with "environment" missing.
    /// </summary>
    public static IReadOnlyList<EnvironmentChoice> EnvironmentChoices(Utterance utterance, Func<Token, bool>? include = null)
    {
        var choices = utterance.Tokens
            .Where(token => token.Kind == TokenKind.Environment && (include?.Invoke(token) ?? true))
            .GroupBy(token => token.Environment!, StringComparer.Ordinal)
            .Select(group => new EnvironmentChoice(group.Key, group.ToArray()))
            .ToArray();
        return choices.Length > 0 ? choices : [new EnvironmentChoice(null, [])];
    }

    /// <summary>Puts <paramref name="choice"/> on the candidate, or records "environment" as missing.</summary>
    public static void Apply(this IntentCandidate candidate, EnvironmentChoice choice)
    {
        candidate.Environment = choice.Environment;
        candidate.Explain(choice.Tokens);
        if (choice.Environment is null)
            candidate.Missing.Add(MissingEnvironment);
    }

    /// <summary>A branch with a slash (release/1.2), a version (v1.4.0, 2.0) or a commit sha (7 to 40 hex digits).</summary>
    public static bool LooksLikeRef(Token token) =>
        token.Kind == TokenKind.Word && (token.Norm.Contains('/', StringComparison.Ordinal) || RefShape().IsMatch(token.Norm));

    /// <summary>An HTTP error status (502, 5xx, 503s) or an exception/error type name (TimeoutException, ECONNRESET-like "…Error").</summary>
    public static bool LooksLikeError(Token token) =>
        token.Kind == TokenKind.Word && (ErrorShape().IsMatch(token.Norm)
            || token.Norm.EndsWith("exception", StringComparison.Ordinal)
            || (token.Norm.Length > "error".Length && token.Norm.EndsWith("error", StringComparison.Ordinal)));

    /// <summary>
    /// The consecutive tokens from <paramref name="start"/> on that satisfy <paramref name="member"/>, after
    /// skipping fillers; null when there are none.
    /// </summary>
    public static (int First, int Last)? RunFrom(Utterance utterance, int start, Func<Token, bool> member)
    {
        var first = start;
        while (first < utterance.Tokens.Count && utterance.Tokens[first].Kind == TokenKind.Filler)
            first++;
        var last = first - 1;
        while (last + 1 < utterance.Tokens.Count && member(utterance.Tokens[last + 1]))
            last++;
        return last >= first ? (first, last) : null;
    }

    [GeneratedRegex(@"^(v?\d+(\.\d+)+([-+][0-9a-z.]+)?|v\d+|(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,40})$")]
    private static partial Regex RefShape();

    [GeneratedRegex(@"^[45](\d\d|xx)s?$")]
    private static partial Regex ErrorShape();
}

/// <summary>One environment the sentence names (null: none), with the tokens that name it.</summary>
internal sealed record EnvironmentChoice(string? Environment, IReadOnlyList<Token> Tokens);

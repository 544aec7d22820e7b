using System.Text;

namespace OpsBus.Runbooks.Intents;

/// <summary>
/// Cleans the operator's text and cuts it into words. Never throws: null, empty, huge or binary input all give
/// a (possibly empty) list. Offsets refer to the sanitized text so slots can be copied out verbatim.
/// </summary>
internal static class Tokenizer
{
    /// <summary>Longer input is cut here: an intent is a sentence, not a document.</summary>
    public const int MaxLength = 500;

    private const string Separators = ",;!?()[]{}|\"“”«»";
    private const string EdgePunctuation = "<>.:'-_*#/\\~=+&^%$@";
    private static readonly string[] Arrows = ["->", "=>", "→"];

    /// <summary>Truncates to <see cref="MaxLength"/>, turns control and invisible format characters into spaces
    /// and typographic apostrophes into plain ones. Length-preserving after truncation.</summary>
    public static string Sanitize(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return string.Empty;
        var clipped = text.Length > MaxLength ? text[..MaxLength] : text;
        if (char.IsHighSurrogate(clipped[^1]))
            clipped = clipped[..^1];
        var builder = new StringBuilder(clipped.Length);
        foreach (var c in clipped)
        {
            builder.Append(c switch
            {
                '’' or '‘' or '`' => '\'',
                _ when char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format => ' ',
                _ => c,
            });
        }

        return builder.ToString();
    }

    /// <summary>Words of <paramref name="sanitized"/> as (start, end) offsets, edge punctuation trimmed; arrows ("->") are words of their own.</summary>
    public static IReadOnlyList<(int Start, int End)> Split(string sanitized)
    {
        var words = new List<(int, int)>();
        var start = -1;
        for (var i = 0; i <= sanitized.Length; i++)
        {
            var arrow = ArrowAt(sanitized, i);
            var boundary = i == sanitized.Length || arrow > 0 || char.IsWhiteSpace(sanitized[i]) || Separators.Contains(sanitized[i]);
            if (boundary && start >= 0)
            {
                if (Trim(sanitized, start, i) is { } word)
                    words.Add(word);
                start = -1;
            }

            if (arrow > 0)
            {
                words.Add((i, i + arrow));
                i += arrow - 1;
            }
            else if (!boundary && start < 0)
                start = i;
        }

        return words;
    }

    private static int ArrowAt(string text, int index) =>
        Arrows.FirstOrDefault(arrow => string.CompareOrdinal(text, index, arrow, 0, arrow.Length) == 0)?.Length ?? 0;

    private static (int, int)? Trim(string text, int start, int end)
    {
        while (start < end && EdgePunctuation.Contains(text[start]))
            start++;
        while (end > start && EdgePunctuation.Contains(text[end - 1]))
            end--;
        return start < end ? (start, end) : null;
    }
}

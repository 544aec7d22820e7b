using System.Text;
using System.Text.RegularExpressions;

namespace OpsBus.Orchestrator.Triggers;

/// <summary>
/// A repository or branch pattern of a trigger rule: <c>*</c> matches within one path segment, <c>**</c> across
/// segments, <c>?</c> one character; anything else matches itself. Repositories match case-insensitively (GitHub's
/// names do), branches exactly.
/// </summary>
public sealed class TriggerGlob
{
    private const int MaxLength = 256;
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    private readonly Regex _regex;

    private TriggerGlob(Regex regex) => _regex = regex;

    public bool IsMatch(string? value) => value is not null && _regex.IsMatch(value);

    /// <summary>An <c>owner/name</c> pattern such as <c>acme/shop</c>, <c>acme/*</c> or <c>*/docs-?</c>.</summary>
    public static TriggerGlob? Repository(string? pattern, out string? error)
    {
        error = pattern switch
        {
            null or "" => "Required: owner/name, or a glob such as acme/* .",
            { Length: > MaxLength } => $"At most {MaxLength} characters.",
            _ when pattern.Count(c => c == '/') != 1 || pattern.StartsWith('/') || pattern.EndsWith('/') =>
                $"'{pattern}' is not owner/name: exactly one '/' between two non-empty parts.",
            _ when pattern.FirstOrDefault(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '*' or '?')) is var bad and not '\0' =>
                $"'{pattern}' has '{bad}': repository patterns use letters, digits, '-', '_', '.', '*' and '?'.",
            _ => null,
        };
        return error is null ? new TriggerGlob(Compile(pattern!, RegexOptions.IgnoreCase)) : null;
    }

    /// <summary>A branch pattern such as <c>main</c>, <c>release/*</c> or <c>feature/**</c>.</summary>
    public static TriggerGlob? Branch(string? pattern, out string? error)
    {
        error = pattern switch
        {
            null or "" => "A branch pattern cannot be empty.",
            { Length: > MaxLength } => $"At most {MaxLength} characters.",
            _ when pattern.FirstOrDefault(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '~' or '^' or ':' or '\\' or '[') is var bad and not '\0' =>
                $"'{pattern}' has '{bad}', which no branch name can contain.",
            _ when pattern.StartsWith('/') || pattern.EndsWith('/') || pattern.Contains("//", StringComparison.Ordinal) || pattern.Contains("..", StringComparison.Ordinal) =>
                $"'{pattern}' can match no branch: a branch name has no empty segment and no '..'.",
            _ when pattern.StartsWith("refs/", StringComparison.Ordinal) =>
                $"'{pattern}': give the branch name without 'refs/heads/'.",
            _ => null,
        };
        return error is null ? new TriggerGlob(Compile(pattern!, RegexOptions.None)) : null;
    }

    private static Regex Compile(string pattern, RegexOptions options)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    regex.Append(".*");
                    i++;
                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                default:
                    regex.Append(Regex.Escape(pattern[i].ToString()));
                    break;
            }
        }
        return new Regex(regex.Append('$').ToString(), options | RegexOptions.CultureInvariant, MatchTimeout);
    }
}

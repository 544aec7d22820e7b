using System.Security.Cryptography;
using System.Text;

namespace OpsBus.Orchestrator.Api;

/// <summary>Session ids are slugs: lower-case letters, digits and '-', starting with a letter or digit.</summary>
internal static class SessionIds
{
    public const int MaxLength = 64;
    public const int MaxNameLength = 200;

    private const string SuffixAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= MaxLength } && IsSlugChar(id[0]) && id.All(c => IsSlugChar(c) || c == '-');

    /// <summary>A new id from a session's name: its slug and a random suffix, e.g. <c>release-42-x7k2mq</c>.</summary>
    public static string NewFrom(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            if (IsSlugChar(c))
                slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-')
                slug.Append('-');
            if (slug.Length >= 40)
                break;
        }
        var stem = slug.ToString().Trim('-');
        var suffix = RandomNumberGenerator.GetString(SuffixAlphabet, 6);
        return (stem.Length > 0 ? stem : "session") + "-" + suffix;
    }

    private static bool IsSlugChar(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}

using System.Text;
using System.Text.RegularExpressions;

namespace OpsBus.Orchestrator.Specs;

/// <summary>
/// What a spec document may be called and hold. A slug is a name, optionally under one feature folder:
/// <c>deploy-freeze/prd</c> or <c>glossary</c>; each part lower-case letters and digits joined by single dashes.
/// <c>versions</c> is not a name, since <c>/api/spec-docs/{slug}/versions</c> lists a document's versions.
/// </summary>
public static partial class SpecDocSlugs
{
    public const int MaxLength = 128;

    public const int MaxTitleLength = 256;

    /// <summary>Bytes of UTF-8 markdown a document may hold.</summary>
    public const int MaxContentBytes = 512 * 1024;

    public const string VersionsSegment = "versions";

    /// <summary>Why <paramref name="slug"/> cannot name a document, or null when it can.</summary>
    public static string? Problem(string slug)
    {
        if (slug.Length == 0 || slug.Length > MaxLength || !Pattern().IsMatch(slug))
            return $"A slug is a name, optionally under one feature folder ('deploy-freeze/prd'): lower-case letters and digits joined by single dashes, at most {MaxLength} characters.";
        return slug.Split('/').Contains(VersionsSegment, StringComparer.Ordinal)
            ? $"'{VersionsSegment}' is reserved: it cannot be part of a slug."
            : null;
    }

    /// <summary>The field errors of a document's title and content, empty when both are fine.</summary>
    public static Dictionary<string, string[]> Errors(string? title, string? content)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(title))
            errors["title"] = ["A title is required."];
        else if (title.Trim().Length > MaxTitleLength || title.Any(char.IsControl))
            errors["title"] = [$"A title is one line of at most {MaxTitleLength} characters."];
        if (content is null)
            errors["content"] = ["The content (markdown) is required."];
        else if (Encoding.UTF8.GetByteCount(content) > MaxContentBytes)
            errors["content"] = [$"The content may be at most {MaxContentBytes / 1024} KiB of UTF-8."];
        return errors;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

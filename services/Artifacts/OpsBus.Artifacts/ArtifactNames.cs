using System.Text;

namespace OpsBus.Artifacts;

/// <summary>
/// Makes a caller's file name safe to store and to send back in <c>Content-Disposition</c>: only the last path
/// segment (no traversal), no control or reserved characters, no leading dots, at most <see cref="MaxLength"/> characters.
/// </summary>
public static class ArtifactNames
{
    public const int MaxLength = 200;

    private const string Fallback = "artifact";

    private static readonly char[] Reserved = ['<', '>', ':', '"', '|', '?', '*'];

    public static string Sanitise(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return Fallback;
        var lastSegment = name.Split('/', '\\').Last();
        var builder = new StringBuilder(lastSegment.Length);
        foreach (var c in lastSegment)
        {
            if (char.IsControl(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.Surrogate)
                continue;
            builder.Append(Array.IndexOf(Reserved, c) >= 0 ? '_' : c);
        }
        var cleaned = builder.ToString().Trim().TrimStart('.').TrimEnd('.', ' ');
        if (cleaned.Length == 0)
            return Fallback;
        return cleaned.Length <= MaxLength ? cleaned : Shorten(cleaned);
    }

    /// <summary>Keeps the extension (when it is short) and cuts the stem.</summary>
    private static string Shorten(string name)
    {
        var extension = Path.GetExtension(name);
        if (extension.Length is 0 or > 16)
            return name[..MaxLength];
        return name[..(MaxLength - extension.Length)] + extension;
    }
}

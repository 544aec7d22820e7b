namespace OpsBus.Artifacts.Api;

/// <summary>What an artifact is: a link (a URL, no content) or content of one of four kinds.</summary>
public static class ArtifactKinds
{
    public const string Link = "link";
    public const string File = "file";
    public const string Diff = "diff";
    public const string Markdown = "markdown";
    public const string Json = "json";

    public static IReadOnlyList<string> All { get; } = [Link, File, Diff, Markdown, Json];

    public static bool IsContent(string? kind) => kind is File or Diff or Markdown or Json;

    /// <summary>The content type assumed when the upload names none.</summary>
    public static string DefaultContentType(string kind) => kind switch
    {
        Diff => "text/x-diff",
        Markdown => "text/markdown",
        Json => "application/json",
        _ => "application/octet-stream",
    };
}

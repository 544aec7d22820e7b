namespace OpsBus.LaneWorker.Artifacts;

/// <summary>The kinds of content the artifacts service keeps (a link is attached with <c>AttachLinkAsync</c>).</summary>
public static class ArtifactKind
{
    public const string File = "file";
    public const string Diff = "diff";
    public const string Markdown = "markdown";
    public const string Json = "json";
}

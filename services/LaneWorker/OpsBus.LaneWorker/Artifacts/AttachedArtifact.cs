namespace OpsBus.LaneWorker.Artifacts;

/// <summary>An artifact as stored: <see cref="Sha256"/> (lower-case hex) only for content, <see cref="Url"/> only for a link.</summary>
public sealed record AttachedArtifact(Guid Id, string Name, string Kind, string ContentType, long Size, string? Sha256, string? Url);

namespace OpsBus.Contracts;

/// <summary>Event, from the artifacts service: an artifact of a run was stored completely (its content and metadata).</summary>
/// <param name="RunId">The run it belongs to.</param>
/// <param name="ArtifactId">The artifact.</param>
/// <param name="Kind"><c>link</c>, <c>file</c>, <c>diff</c>, <c>markdown</c> or <c>json</c>.</param>
/// <param name="Name">Its sanitised file name.</param>
/// <param name="ContentType">Its content type as stored.</param>
/// <param name="Size">Bytes of content (0 for a link).</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the content; null for a link.</param>
/// <param name="Url">The target of a link; null otherwise.</param>
/// <param name="CreatedBy">The user or worker that stored it.</param>
/// <param name="CreatedAt">When it was stored.</param>
public sealed record ArtifactStored(
    Guid RunId,
    Guid ArtifactId,
    string Kind,
    string Name,
    string ContentType,
    long Size,
    string? Sha256,
    string? Url,
    string CreatedBy,
    DateTime CreatedAt);

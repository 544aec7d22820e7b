using OpsBus.Artifacts.Persistence;

namespace OpsBus.Artifacts.Api;

/// <summary>An artifact's metadata as the API shows it; <see cref="Url"/> only for a link, <see cref="Sha256"/> only for content.</summary>
public sealed record ArtifactResponse(
    Guid Id,
    Guid RunId,
    string Kind,
    string Name,
    string ContentType,
    long Size,
    string? Sha256,
    string? Url,
    DateTime CreatedAt,
    string CreatedBy)
{
    public static ArtifactResponse From(ArtifactRecord record) => new(
        record.Id, record.RunId, record.Kind, record.Name, record.ContentType, record.Size, record.Sha256, record.Url, record.CreatedAt, record.CreatedBy);
}

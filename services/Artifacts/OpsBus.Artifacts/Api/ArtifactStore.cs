using MassTransit;
using Microsoft.Extensions.Options;
using OpsBus.Artifacts.Persistence;
using OpsBus.Artifacts.Storage;
using OpsBus.Contracts;

namespace OpsBus.Artifacts.Api;

/// <summary>
/// Stores an artifact: content first (streamed, counted and hashed on the way), then its metadata, then
/// <see cref="ArtifactStored"/>. When anything fails before the metadata commit, the content is removed again, so an
/// artifact either exists completely or not at all.
/// </summary>
public sealed class ArtifactStore(
    ArtifactsDbContext db, IArtifactStorage storage, IPublishEndpoint publish, IOptions<ArtifactsOptions> options, ArtifactsMetrics metrics, TimeProvider clock)
{
    public long MaxBytes => options.Value.MaxUploadBytes;

    /// <summary>Streams <paramref name="content"/> to the storage; <see cref="ArtifactTooLargeException"/> when it is over the limit.</summary>
    public async Task<ArtifactRecord> StoreContentAsync(
        Guid runId, string? runOwner, string kind, string name, string contentType, Stream content, string createdBy, CancellationToken cancellationToken)
    {
        var id = NewId.NextGuid();
        var key = $"{runId:N}/{id:N}";
        await using var metered = new MeteredUpload(content, MaxBytes);
        await storage.WriteAsync(key, metered, cancellationToken);
        var record = new ArtifactRecord
        {
            Id = id,
            RunId = runId,
            RunOwner = runOwner,
            Kind = kind,
            Name = name,
            ContentType = contentType,
            Size = metered.BytesRead,
            Sha256 = metered.Sha256(),
            StorageKey = key,
            CreatedAt = Now(),
            CreatedBy = createdBy,
        };
        try
        {
            db.Artifacts.Add(record);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            await storage.DeleteAsync(key, CancellationToken.None);
            throw;
        }
        await AnnounceAsync(record);
        return record;
    }

    public async Task<ArtifactRecord> StoreLinkAsync(Guid runId, string? runOwner, string name, string url, string createdBy, CancellationToken cancellationToken)
    {
        var record = new ArtifactRecord
        {
            Id = NewId.NextGuid(),
            RunId = runId,
            RunOwner = runOwner,
            Kind = ArtifactKinds.Link,
            Name = name,
            ContentType = "text/uri-list",
            Url = url,
            CreatedAt = Now(),
            CreatedBy = createdBy,
        };
        db.Artifacts.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        await AnnounceAsync(record);
        return record;
    }

    /// <summary>After the commit the artifact exists: its event goes out even if the uploader has gone meanwhile.</summary>
    private async Task AnnounceAsync(ArtifactRecord record)
    {
        metrics.Stored(record.Kind, record.Size);
        await publish.Publish(new ArtifactStored(
            record.RunId, record.Id, record.Kind, record.Name, record.ContentType, record.Size, record.Sha256, record.Url, record.CreatedBy, record.CreatedAt),
            CancellationToken.None);
    }

    /// <summary>Now, to the microsecond: what PostgreSQL keeps, so the answer to an upload equals every later read of it.</summary>
    private DateTime Now()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}

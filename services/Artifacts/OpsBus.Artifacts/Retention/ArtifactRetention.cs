using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpsBus.Artifacts.Persistence;
using OpsBus.Artifacts.Storage;

namespace OpsBus.Artifacts.Retention;

/// <summary>What one retention sweep deleted.</summary>
public sealed record RetentionSweep(long Deleted, long BytesFreed);

/// <summary>
/// Deletes artifacts older than <see cref="ArtifactsOptions.RetentionPeriod"/>: content first, then the row, in
/// batches, so a crash mid-sweep leaves at worst a row whose content is gone and the next sweep removes it.
/// </summary>
public sealed class ArtifactRetention(
    ArtifactsDbContext db, IArtifactStorage storage, IOptions<ArtifactsOptions> options, TimeProvider clock, ArtifactsMetrics metrics,
    ILogger<ArtifactRetention> logger)
{
    private const int BatchSize = 100;

    public async Task<RetentionSweep> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = (clock.GetUtcNow() - options.Value.RetentionPeriod).UtcDateTime;
        long deleted = 0, bytes = 0;
        while (true)
        {
            var batch = await db.Artifacts.Where(a => a.CreatedAt < cutoff).OrderBy(a => a.CreatedAt).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
                break;
            foreach (var artifact in batch)
            {
                if (artifact.StorageKey is not null)
                    await storage.DeleteAsync(artifact.StorageKey, cancellationToken);
                db.Artifacts.Remove(artifact);
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            deleted += batch.Count;
            bytes += batch.Sum(a => a.Size);
            metrics.RetentionDeleted(batch.Count, batch.Sum(a => a.Size));
        }
        if (deleted > 0)
            logger.LogInformation("Retention deleted {Count} artifact(s) created before {Cutoff:O}, freeing {Bytes} bytes", deleted, cutoff, bytes);
        return new RetentionSweep(deleted, bytes);
    }
}

using Microsoft.EntityFrameworkCore;
using OpsBus.Orchestrator.Persistence;

namespace OpsBus.Orchestrator.Specs;

/// <summary>How a save of a spec document ended.</summary>
public enum SpecDocSave
{
    Created,
    Updated,

    /// <summary>The title and content were already those of the latest version: no version was added.</summary>
    Unchanged,

    /// <summary>The document is not (or no longer) at the version the writer expected.</summary>
    VersionMismatch,

    /// <summary>Another writer saved the same version meanwhile.</summary>
    Conflict,
}

/// <summary>
/// The spec documents and their versions. A save with a changed title or content adds a version; one that changes
/// nothing adds none, so storing the same generated documents twice is harmless.
/// </summary>
public sealed class SpecDocStore(OrchestratorDbContext db, TimeProvider clock)
{
    /// <summary>The latest of every document whose slug starts with <paramref name="prefix"/> (all when null), by slug.</summary>
    public async Task<IReadOnlyList<SpecDocumentRecord>> ListAsync(string? prefix, CancellationToken cancellationToken)
    {
        var query = db.SpecDocuments.AsNoTracking();
        if (!string.IsNullOrEmpty(prefix))
            query = query.Where(d => d.Slug.StartsWith(prefix));
        return await query.OrderBy(d => d.Slug).ToListAsync(cancellationToken);
    }

    public Task<SpecDocumentRecord?> FindAsync(string slug, CancellationToken cancellationToken) =>
        db.SpecDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Slug == slug, cancellationToken);

    /// <summary>Every version of a document, newest first; null when there is no such document.</summary>
    public async Task<IReadOnlyList<SpecDocumentVersionRecord>?> VersionsAsync(string slug, CancellationToken cancellationToken)
    {
        var versions = await db.SpecDocumentVersions.AsNoTracking().Where(v => v.Slug == slug).OrderByDescending(v => v.Version).ToListAsync(cancellationToken);
        return versions.Count > 0 ? versions : null;
    }

    public Task<SpecDocumentVersionRecord?> VersionAsync(string slug, int version, CancellationToken cancellationToken) =>
        db.SpecDocumentVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Slug == slug && v.Version == version, cancellationToken);

    /// <summary>
    /// Saves <paramref name="title"/> and <paramref name="content"/> as the next version of <paramref name="slug"/> (version 1
    /// when it is new), unless they are already the latest. With <paramref name="expectedVersion"/>, only when the document
    /// is at that version. Answers the outcome and the document as it is after it.
    /// </summary>
    public async Task<(SpecDocSave Outcome, SpecDocumentRecord? Document)> SaveAsync(
        string slug, string title, string content, string by, int? expectedVersion, CancellationToken cancellationToken)
    {
        title = title.Trim();
        var document = await db.SpecDocuments.SingleOrDefaultAsync(d => d.Slug == slug, cancellationToken);
        if (expectedVersion is { } expected && document?.Version != expected)
            return (SpecDocSave.VersionMismatch, document);
        if (document is not null && document.Title == title && document.Content == content)
            return (SpecDocSave.Unchanged, document);

        var now = clock.GetUtcNow().UtcDateTime;
        var outcome = document is null ? SpecDocSave.Created : SpecDocSave.Updated;
        if (document is null)
        {
            document = new SpecDocumentRecord { Slug = slug, CreatedAt = now, CreatedBy = by };
            db.SpecDocuments.Add(document);
        }

        document.Title = title;
        document.Content = content;
        document.Version++;
        document.UpdatedAt = now;
        document.UpdatedBy = by;
        db.SpecDocumentVersions.Add(new SpecDocumentVersionRecord
        {
            Slug = slug, Version = document.Version, Title = title, Content = content, CreatedAt = now, CreatedBy = by,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            // Only a lost race is a conflict: the version this save wrote is there, written by the other writer.
            if (!await db.SpecDocumentVersions.AnyAsync(v => v.Slug == slug && v.Version == document.Version, cancellationToken))
                throw;
            return (SpecDocSave.Conflict, null);
        }

        return (outcome, document);
    }
}

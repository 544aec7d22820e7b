using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpsBus.Orchestrator.Persistence;
using OpsBus.Runbooks.Templates;

namespace OpsBus.Orchestrator.Templates;

/// <summary>
/// Templates in the orchestrator's database. Every change writes a new row in <c>template_versions</c> and moves
/// <c>templates.current_version</c>; old versions stay readable. Concurrent writers are decided by the keys: two
/// creates of one slug collide on <c>templates</c>, two edits of one version on <c>(slug, version)</c>.
/// </summary>
public sealed class TemplateStore(OrchestratorDbContext db, TimeProvider clock)
{
    /// <summary>Every template at its current version, by slug.</summary>
    public async Task<IReadOnlyList<StoredTemplate>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await (
                from template in db.Templates.AsNoTracking()
                join version in db.TemplateVersions.AsNoTracking()
                    on new { template.Slug, Version = template.CurrentVersion } equals new { version.Slug, version.Version }
                select new { template.CurrentVersion, template.UpdatedAt, version.Definition })
            .ToListAsync(cancellationToken);
        return rows
            .Select(row => new StoredTemplate(Parse(row.Definition), row.CurrentVersion, row.CurrentVersion, row.UpdatedAt))
            .OrderBy(t => t.Template.Slug, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The template at <paramref name="version"/>, or at its current version when null; null when either is unknown.</summary>
    public async Task<StoredTemplate?> FindAsync(string slug, int? version, CancellationToken cancellationToken)
    {
        var template = await db.Templates.AsNoTracking().SingleOrDefaultAsync(t => t.Slug == slug, cancellationToken);
        if (template is null)
            return null;
        var wanted = version ?? template.CurrentVersion;
        var stored = await db.TemplateVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Slug == slug && v.Version == wanted, cancellationToken);
        return stored is null ? null : new StoredTemplate(Parse(stored.Definition), wanted, template.CurrentVersion, template.UpdatedAt);
    }

    /// <summary>The versions of a template, oldest first; null when there is no such template.</summary>
    public async Task<IReadOnlyList<TemplateVersionRecord>?> VersionsAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await db.Templates.AnyAsync(t => t.Slug == slug, cancellationToken))
            return null;
        return await db.TemplateVersions.AsNoTracking().Where(v => v.Slug == slug).OrderBy(v => v.Version).ToListAsync(cancellationToken);
    }

    /// <summary>Stores a new template as version 1; null when its slug is taken.</summary>
    public async Task<StoredTemplate?> CreateAsync(RunbookTemplate template, string by, CancellationToken cancellationToken)
    {
        if (await db.Templates.AnyAsync(t => t.Slug == template.Slug, cancellationToken))
            return null;
        var now = clock.GetUtcNow().UtcDateTime;
        db.Templates.Add(new TemplateRecord { Slug = template.Slug, CurrentVersion = 1, CreatedAt = now, UpdatedAt = now, CreatedBy = by, UpdatedBy = by });
        db.TemplateVersions.Add(Version(template, 1, now, by));
        return await SavedAsync(cancellationToken) ? new StoredTemplate(template, 1, 1, now) : null;
    }

    /// <summary>
    /// Stores <paramref name="template"/> as the next version of its slug, unless it says what the current version
    /// already says. With <paramref name="expectedVersion"/> the edit applies only to that current version.
    /// </summary>
    public async Task<(TemplateUpdate Outcome, StoredTemplate? Stored)> UpdateAsync(
        RunbookTemplate template, string by, int? expectedVersion, CancellationToken cancellationToken)
    {
        var record = await db.Templates.SingleOrDefaultAsync(t => t.Slug == template.Slug, cancellationToken);
        if (record is null)
            return (TemplateUpdate.NotFound, null);
        if (expectedVersion is { } expected && expected != record.CurrentVersion)
            return (TemplateUpdate.VersionMismatch, null);

        var current = await db.TemplateVersions.AsNoTracking()
            .SingleAsync(v => v.Slug == record.Slug && v.Version == record.CurrentVersion, cancellationToken);
        if (TemplateJson.AreEquivalent(Parse(current.Definition), template))
            return (TemplateUpdate.Unchanged, new StoredTemplate(template, record.CurrentVersion, record.CurrentVersion, record.UpdatedAt));

        var now = clock.GetUtcNow().UtcDateTime;
        record.CurrentVersion++;
        record.UpdatedAt = now;
        record.UpdatedBy = by;
        db.TemplateVersions.Add(Version(template, record.CurrentVersion, now, by));
        return await SavedAsync(cancellationToken)
            ? (TemplateUpdate.Updated, new StoredTemplate(template, record.CurrentVersion, record.CurrentVersion, now))
            : (TemplateUpdate.Conflict, null);
    }

    /// <summary>
    /// Stores each template whose slug is absent as version 1 by <paramref name="by"/>, and a changed one whose current
    /// version <paramref name="by"/> wrote as its next version, so that an upgrade's shipped templates reach an existing
    /// database. A template someone else edited is left alone, and so is one another process stores at the same moment.
    /// Returns the slugs stored.
    /// </summary>
    public async Task<IReadOnlyList<string>> InstallAsync(IEnumerable<RunbookTemplate> templates, string by, CancellationToken cancellationToken)
    {
        var installed = new List<string>();
        foreach (var template in templates)
        {
            var record = await db.Templates.AsNoTracking().SingleOrDefaultAsync(t => t.Slug == template.Slug, cancellationToken);
            var stored = record is null
                ? await CreateAsync(template, by, cancellationToken) is not null
                : record.UpdatedBy == by
                    && (await UpdateAsync(template, by, record.CurrentVersion, cancellationToken)).Outcome == TemplateUpdate.Updated;
            if (stored)
                installed.Add(template.Slug);
        }
        return installed;
    }

    /// <summary>Saves, or answers false when a key already held the row (a concurrent writer won); the context is then cleared.</summary>
    private async Task<bool> SavedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            var attempted = db.ChangeTracker.Entries<TemplateVersionRecord>().Select(e => (e.Entity.Slug, e.Entity.Version)).ToList();
            db.ChangeTracker.Clear();
            foreach (var (slug, version) in attempted)
            {
                if (!await db.TemplateVersions.AnyAsync(v => v.Slug == slug && v.Version == version, cancellationToken))
                    throw;
            }
            return false;
        }
    }

    private static TemplateVersionRecord Version(RunbookTemplate template, int version, DateTime at, string by) => new()
    {
        Slug = template.Slug,
        Version = version,
        Definition = JsonSerializer.Serialize(template, TemplateJson.Options),
        CreatedAt = at,
        CreatedBy = by,
    };

    private static RunbookTemplate Parse(string definition) =>
        JsonSerializer.Deserialize<RunbookTemplate>(definition, TemplateJson.Options)
        ?? throw new InvalidDataException("A stored template definition is empty.");
}

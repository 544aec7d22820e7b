using Microsoft.EntityFrameworkCore;

namespace OpsBus.Orchestrator.Specs;

/// <summary>The spec document tables: <c>spec_documents</c> and their immutable <c>spec_document_versions</c>.</summary>
internal static class SpecDocsTables
{
    public static ModelBuilder AddSpecDocumentTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SpecDocumentRecord>(document =>
        {
            document.ToTable("spec_documents");
            document.HasKey(x => x.Slug);
            document.Property(x => x.Slug).HasMaxLength(SpecDocSlugs.MaxLength);
            document.Property(x => x.Title).HasMaxLength(SpecDocSlugs.MaxTitleLength);
            document.Property(x => x.CreatedBy).HasMaxLength(256);
            document.Property(x => x.UpdatedBy).HasMaxLength(256);
            document.Property(x => x.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<SpecDocumentVersionRecord>(version =>
        {
            version.ToTable("spec_document_versions");
            // Two concurrent edits of one document both write version n + 1: the key lets only one of them in.
            version.HasKey(x => new { x.Slug, x.Version });
            version.Property(x => x.Slug).HasMaxLength(SpecDocSlugs.MaxLength);
            version.Property(x => x.Title).HasMaxLength(SpecDocSlugs.MaxTitleLength);
            version.Property(x => x.CreatedBy).HasMaxLength(256);
            version.HasOne<SpecDocumentRecord>().WithMany().HasForeignKey(x => x.Slug).OnDelete(DeleteBehavior.Cascade);
        });

        return modelBuilder;
    }
}

using Microsoft.EntityFrameworkCore;

namespace OpsBus.Orchestrator.Templates;

/// <summary>The template tables in the orchestrator's database: <c>templates</c> and their immutable <c>template_versions</c>.</summary>
internal static class TemplatesModel
{
    public const int MaxSlugLength = 64;

    public static ModelBuilder AddTemplateTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TemplateRecord>(template =>
        {
            template.ToTable("templates");
            template.HasKey(x => x.Slug);
            template.Property(x => x.Slug).HasMaxLength(MaxSlugLength);
            template.Property(x => x.CreatedBy).HasMaxLength(256);
            template.Property(x => x.UpdatedBy).HasMaxLength(256);
        });

        modelBuilder.Entity<TemplateVersionRecord>(version =>
        {
            version.ToTable("template_versions");
            // Two concurrent edits of one template both write version n + 1: the key lets only one of them in.
            version.HasKey(x => new { x.Slug, x.Version });
            version.Property(x => x.Slug).HasMaxLength(MaxSlugLength);
            version.Property(x => x.CreatedBy).HasMaxLength(256);
            version.HasOne<TemplateRecord>().WithMany().HasForeignKey(x => x.Slug).OnDelete(DeleteBehavior.Cascade);
        });

        return modelBuilder;
    }
}

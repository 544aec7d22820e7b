using Microsoft.EntityFrameworkCore;
using OpsBus.ServiceDefaults.Persistence;

namespace OpsBus.Artifacts.Persistence;

/// <summary>The artifacts service's database: artifact metadata and the owners of runs. Provider-specific migrations in the two subclasses.</summary>
public abstract class ArtifactsDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ArtifactRecord> Artifacts => Set<ArtifactRecord>();

    public DbSet<ArtifactRunRecord> Runs => Set<ArtifactRunRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ArtifactRecord>(artifact =>
        {
            artifact.ToTable("artifacts");
            artifact.HasKey(x => x.Id);
            artifact.Property(x => x.Id).ValueGeneratedNever();
            artifact.Property(x => x.RunOwner).HasMaxLength(256);
            artifact.Property(x => x.Kind).HasMaxLength(16);
            artifact.Property(x => x.Name).HasMaxLength(ArtifactNames.MaxLength);
            artifact.Property(x => x.ContentType).HasMaxLength(256);
            artifact.Property(x => x.Sha256).HasMaxLength(64);
            artifact.Property(x => x.Url).HasMaxLength(Api.LinkArtifactRequest.MaxUrlLength);
            artifact.Property(x => x.StorageKey).HasMaxLength(128);
            artifact.Property(x => x.CreatedBy).HasMaxLength(256);
            artifact.HasIndex(x => new { x.RunId, x.CreatedAt });
            artifact.HasIndex(x => x.CreatedAt);
        });

        modelBuilder.Entity<ArtifactRunRecord>(run =>
        {
            run.ToTable("artifact_runs");
            run.HasKey(x => x.RunId);
            run.Property(x => x.RunId).ValueGeneratedNever();
            run.Property(x => x.Owner).HasMaxLength(ArtifactRunRecord.OwnerMaxLength);
        });

        modelBuilder.UseSnakeCaseNamesAndUtcTimes();
    }
}

/// <summary>The artifacts database on PostgreSQL (distributed mode).</summary>
public sealed class PostgresArtifactsDbContext(DbContextOptions<PostgresArtifactsDbContext> options) : ArtifactsDbContext(options);

/// <summary>The artifacts database on SQLite (embedded mode).</summary>
public sealed class SqliteArtifactsDbContext(DbContextOptions<SqliteArtifactsDbContext> options) : ArtifactsDbContext(options);

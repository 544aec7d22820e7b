using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using OpsBus.Gateway.ApiKeys;

namespace OpsBus.Gateway.Persistence;

/// <summary>The gateway's own database: API keys. One schema, provider-specific migrations in the two subclasses.</summary>
public abstract class GatewayDbContext(DbContextOptions options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "gateway_migrations_history";

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var utc = new ValueConverter<DateTime, DateTime>(v => v.ToUniversalTime(), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        var nullableUtc = new ValueConverter<DateTime?, DateTime?>(
            v => v.HasValue ? v.Value.ToUniversalTime() : v,
            v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);

        modelBuilder.Entity<ApiKey>(key =>
        {
            key.ToTable("api_keys");
            key.HasKey(x => x.Id);
            key.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            key.Property(x => x.Name).HasColumnName("name").HasMaxLength(100);
            key.Property(x => x.Role).HasColumnName("role").HasMaxLength(32);
            key.Property(x => x.Prefix).HasColumnName("prefix").HasMaxLength(32);
            key.Property(x => x.Hash).HasColumnName("hash").HasMaxLength(256);
            key.Property(x => x.CreatedAt).HasColumnName("created_at").HasConversion(utc);
            key.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(100);
            key.Property(x => x.RevokedAt).HasColumnName("revoked_at").HasConversion(nullableUtc);
            key.HasIndex(x => x.Prefix);
        });
    }
}

/// <summary>The gateway's database on PostgreSQL (distributed mode).</summary>
public sealed class PostgresGatewayDbContext(DbContextOptions<PostgresGatewayDbContext> options) : GatewayDbContext(options);

/// <summary>The gateway's database on SQLite (embedded mode).</summary>
public sealed class SqliteGatewayDbContext(DbContextOptions<SqliteGatewayDbContext> options) : GatewayDbContext(options);

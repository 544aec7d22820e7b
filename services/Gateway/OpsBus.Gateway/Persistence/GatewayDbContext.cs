using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using OpsBus.Gateway.ApiKeys;
using OpsBus.Gateway.Audit;

namespace OpsBus.Gateway.Persistence;

/// <summary>The gateway's own database: API keys and the audit log. One schema, provider-specific migrations in the two subclasses.</summary>
public abstract class GatewayDbContext(DbContextOptions options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "gateway_migrations_history";

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

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

        modelBuilder.Entity<AuditEntry>(entry =>
        {
            entry.ToTable("audit_log");
            entry.HasKey(x => x.Id);
            entry.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
            entry.Property(x => x.At).HasColumnName("at").HasConversion(utc);
            entry.Property(x => x.Caller).HasColumnName("caller").HasMaxLength(100);
            entry.Property(x => x.Roles).HasColumnName("roles").HasMaxLength(200);
            entry.Property(x => x.Action).HasColumnName("action").HasMaxLength(310);
            entry.Property(x => x.RouteValues).HasColumnName("route_values");
            entry.Property(x => x.Status).HasColumnName("status");
            entry.Property(x => x.Decision).HasColumnName("decision").HasMaxLength(16);
            entry.Property(x => x.RemoteIp).HasColumnName("remote_ip").HasMaxLength(64);
            entry.Property(x => x.UserAgent).HasColumnName("user_agent").HasMaxLength(256);
            entry.Property(x => x.TraceId).HasColumnName("trace_id").HasMaxLength(64);
            entry.HasIndex(x => x.At);
            entry.HasIndex(x => x.Caller);
        });
    }
}

/// <summary>The gateway's database on PostgreSQL (distributed mode).</summary>
public sealed class PostgresGatewayDbContext(DbContextOptions<PostgresGatewayDbContext> options) : GatewayDbContext(options);

/// <summary>The gateway's database on SQLite (embedded mode).</summary>
public sealed class SqliteGatewayDbContext(DbContextOptions<SqliteGatewayDbContext> options) : GatewayDbContext(options);

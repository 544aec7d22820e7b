using Microsoft.EntityFrameworkCore;
using OpsBus.ServiceDefaults.Persistence;

namespace OpsBus.Notifier.Notifications.Persistence;

/// <summary>The notifier's database: notification channels and the deliveries outbox. Provider-specific migrations in the two subclasses.</summary>
public abstract class NotificationsDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>Its own migrations history, and tables named <c>notification_*</c>: it may share a database with other services.</summary>
    public const string MigrationsHistoryTable = "notifier_migrations_history";

    public DbSet<ChannelRecord> Channels => Set<ChannelRecord>();

    public DbSet<DeliveryRecord> Deliveries => Set<DeliveryRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ChannelRecord>(channel =>
        {
            channel.ToTable("notification_channels");
            channel.HasKey(x => x.Id);
            channel.Property(x => x.Id).ValueGeneratedNever();
            channel.Property(x => x.Name).HasMaxLength(Api.ChannelRequest.MaxNameLength);
            channel.Property(x => x.Kind).HasMaxLength(16);
            // Unbounded: sealed (ChannelCredentials), a value takes about 4/3 of its UTF-8 bytes and 40 characters more.
            channel.Property(x => x.Url);
            channel.Property(x => x.Secret);
            channel.Property(x => x.CreatedBy).HasMaxLength(256);
            channel.Property(x => x.UpdatedBy).HasMaxLength(256);
        });

        modelBuilder.Entity<DeliveryRecord>(delivery =>
        {
            delivery.ToTable("notification_deliveries");
            delivery.HasKey(x => x.Id);
            delivery.Property(x => x.Id).ValueGeneratedNever();
            delivery.Property(x => x.EventKey).HasMaxLength(128);
            delivery.Property(x => x.Event).HasMaxLength(32);
            delivery.Property(x => x.Status).HasMaxLength(16);
            delivery.Property(x => x.LastError).HasMaxLength(Delivery.DeliveryOutcome.MaxErrorLength);
            delivery.HasIndex(x => new { x.EventKey, x.ChannelId }).IsUnique();
            delivery.HasIndex(x => new { x.Status, x.NextAttemptAt });
            delivery.HasIndex(x => new { x.ChannelId, x.Status });
            delivery.HasOne<ChannelRecord>().WithMany().HasForeignKey(x => x.ChannelId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.UseSnakeCaseNamesAndUtcTimes();
    }
}

/// <summary>The notifications database on PostgreSQL (distributed mode).</summary>
public sealed class PostgresNotificationsDbContext(DbContextOptions<PostgresNotificationsDbContext> options) : NotificationsDbContext(options);

/// <summary>The notifications database on SQLite (embedded mode).</summary>
public sealed class SqliteNotificationsDbContext(DbContextOptions<SqliteNotificationsDbContext> options) : NotificationsDbContext(options);

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace OpsBus.Scheduling;

public static class ScheduledMessagesModel
{
    internal const int LockOwnerMaxLength = 200;

    // SQLite hands DateTime back as Unspecified; PostgreSQL's timestamptz refuses anything but UTC. Both are UTC here.
    static readonly ValueConverter<DateTime, DateTime> Utc = new(
        value => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(),
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc));

    static readonly ValueConverter<DateTime?, DateTime?> NullableUtc = new(
        value => value.HasValue ? (value.Value.Kind == DateTimeKind.Utc ? value.Value : value.Value.ToUniversalTime()) : null,
        value => value.HasValue ? DateTime.SpecifyKind(value.Value, DateTimeKind.Utc) : null);

    /// <summary>
    /// Adds the scheduler's tables to the host's own model, so they live in the host's database and migrations.
    /// Times are UTC <see cref="DateTime" /> columns, which order correctly on PostgreSQL and SQLite alike.
    /// </summary>
    public static ModelBuilder AddScheduledMessages(this ModelBuilder modelBuilder, string? schema = null)
    {
        modelBuilder.Entity<ScheduledMessage>(message =>
        {
            message.ToTable("scheduled_messages", schema);
            message.HasKey(x => x.TokenId).HasName("pk_scheduled_messages");
            message.Property(x => x.TokenId).HasColumnName("token_id").ValueGeneratedNever();
            message.Property(x => x.DestinationAddress).HasColumnName("destination_address").HasMaxLength(2048).IsRequired();
            message.Property(x => x.DueAt).HasColumnName("due_at").HasConversion(Utc);
            message.Property(x => x.MessageTypes).HasColumnName("message_types").IsRequired();
            message.Property(x => x.ContentType).HasColumnName("content_type").HasMaxLength(256).IsRequired();
            message.Property(x => x.Body).HasColumnName("body").IsRequired();
            message.Property(x => x.CreatedAt).HasColumnName("created_at").HasConversion(Utc);
            message.Property(x => x.LockOwner).HasColumnName("lock_owner").HasMaxLength(LockOwnerMaxLength);
            message.Property(x => x.LockedUntil).HasColumnName("locked_until").HasConversion(NullableUtc);
            message.HasIndex(x => x.DueAt).HasDatabaseName("ix_scheduled_messages_due_at");
        });

        modelBuilder.Entity<ScheduledMessageTombstone>(tombstone =>
        {
            tombstone.ToTable("scheduled_message_tombstones", schema);
            tombstone.HasKey(x => x.TokenId).HasName("pk_scheduled_message_tombstones");
            tombstone.Property(x => x.TokenId).HasColumnName("token_id").ValueGeneratedNever();
            tombstone.Property(x => x.Reason).HasColumnName("reason").HasConversion<string>().HasMaxLength(16);
            tombstone.Property(x => x.RetiredAt).HasColumnName("retired_at").HasConversion(Utc);
            tombstone.HasIndex(x => x.RetiredAt).HasDatabaseName("ix_scheduled_message_tombstones_retired_at");
        });

        return modelBuilder;
    }
}

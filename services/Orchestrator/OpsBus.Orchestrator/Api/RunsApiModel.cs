using Microsoft.EntityFrameworkCore;

namespace OpsBus.Orchestrator.Api;

/// <summary>The API's own tables in the orchestrator's database: accepted run requests and sessions.</summary>
internal static class RunsApiModel
{
    public static ModelBuilder AddRunsApiTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<RunRequestRecord>(request =>
        {
            request.ToTable("run_requests");
            request.HasKey(x => x.RunId);
            request.Property(x => x.RunId).ValueGeneratedNever();
            request.Property(x => x.RequestedBy).HasMaxLength(256);
            request.Property(x => x.IdempotencyKey).HasMaxLength(IdempotencyKeys.MaxLength);
            request.Property(x => x.RequestHash).HasMaxLength(64);
            // NULL keys never collide (PostgreSQL and SQLite alike), so only keyed requests are constrained.
            request.HasIndex(x => new { x.RequestedBy, x.IdempotencyKey }).IsUnique();
        });

        modelBuilder.Entity<SessionRecord>(session =>
        {
            session.ToTable("sessions");
            session.HasKey(x => x.Id);
            session.Property(x => x.Id).HasMaxLength(SessionIds.MaxLength);
            session.Property(x => x.Name).HasMaxLength(SessionIds.MaxNameLength);
            session.Property(x => x.CreatedBy).HasMaxLength(256);
            session.HasIndex(x => new { x.CreatedBy, x.CreatedAt });
        });

        return modelBuilder;
    }
}

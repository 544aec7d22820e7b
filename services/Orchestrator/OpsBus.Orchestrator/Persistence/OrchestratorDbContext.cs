using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using OpsBus.Orchestrator.Api;
using OpsBus.Orchestrator.ReadModel;
using OpsBus.Orchestrator.Runs;
using OpsBus.Orchestrator.Schedules;
using OpsBus.Orchestrator.SessionLanes;
using OpsBus.Orchestrator.Specs;
using OpsBus.Orchestrator.Templates;
using OpsBus.Orchestrator.Triggers;
using OpsBus.SagaStore;
using OpsBus.Scheduling;
using OpsBus.ServiceDefaults.Persistence;

namespace OpsBus.Orchestrator.Persistence;

/// <summary>
/// The orchestrator's database: run sagas (also the runs read model), session-lanes, steps, log lines, scheduled
/// messages, the API's accepted run requests and sessions, runbook templates and spec documents with their versions. One schema, provider-specific migrations in the two subclasses.
/// </summary>
public abstract class OrchestratorDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<RunState> Runs => Set<RunState>();

    public DbSet<SessionLaneState> SessionLanes => Set<SessionLaneState>();

    public DbSet<RunStepRecord> RunSteps => Set<RunStepRecord>();

    public DbSet<RunLogRecord> RunLogLines => Set<RunLogRecord>();

    public DbSet<RunRequestRecord> RunRequests => Set<RunRequestRecord>();

    public DbSet<SessionRecord> Sessions => Set<SessionRecord>();

    public DbSet<TemplateRecord> Templates => Set<TemplateRecord>();

    public DbSet<TemplateVersionRecord> TemplateVersions => Set<TemplateVersionRecord>();

    public DbSet<RunScheduleRecord> Schedules => Set<RunScheduleRecord>();

    public DbSet<TriggerRecord> Triggers => Set<TriggerRecord>();

    public DbSet<GitHubDeliveryRecord> GitHubDeliveries => Set<GitHubDeliveryRecord>();

    public DbSet<TriggerEvaluationRecord> TriggerEvaluations => Set<TriggerEvaluationRecord>();

    public DbSet<SpecDocumentRecord> SpecDocuments => Set<SpecDocumentRecord>();

    public DbSet<SpecDocumentVersionRecord> SpecDocumentVersions => Set<SpecDocumentVersionRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<RunState>(run =>
        {
            run.ToTable("runs");
            run.ConfigureSagaDefaults();
            run.Property(x => x.CurrentState).HasMaxLength(32);
            run.Property(x => x.Status).HasMaxLength(32);
            run.Property(x => x.Lane).HasMaxLength(32);
            run.Property(x => x.SessionId).HasMaxLength(128);
            run.Property(x => x.Template).HasMaxLength(128);
            run.Property(x => x.Environment).HasMaxLength(64);
            run.Property(x => x.IdempotencyKey).HasMaxLength(256);
            run.Ignore(x => x.CountedAttempts);
            run.Ignore(x => x.HasAttemptsLeft);
            run.Ignore(x => x.Approval);
            run.Ignore(x => x.Parameters);
            run.Ignore(x => x.Trigger);
            run.Property(x => x.TriggerEvent).HasMaxLength(32);
            run.Property(x => x.TriggerDeliveryId).HasMaxLength(64);
            run.Property(x => x.TriggerRepository).HasMaxLength(256);
            run.Property(x => x.TriggerRef).HasMaxLength(256);
            run.Property(x => x.TriggerSha).HasMaxLength(64);
            run.HasIndex(x => new { x.Status, x.CreatedAt });
            run.HasIndex(x => new { x.Lane, x.CreatedAt });
            run.HasIndex(x => new { x.Template, x.CreatedAt });
            run.HasIndex(x => new { x.SessionId, x.CreatedAt });
            run.HasIndex(x => x.CreatedAt);
        });

        modelBuilder.Entity<SessionLaneState>(lane =>
        {
            lane.ToTable("session_lanes");
            lane.ConfigureSagaDefaults();
            lane.Property(x => x.CurrentState).HasMaxLength(32);
            lane.Property(x => x.SessionId).HasMaxLength(128);
            lane.Property(x => x.Lane).HasMaxLength(32);
            lane.Property(x => x.Waiting).HasConversion(
                new ValueConverter<List<WaitingRun>, string>(
                    v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
                    v => JsonSerializer.Deserialize<List<WaitingRun>>(v, (JsonSerializerOptions?)null) ?? new List<WaitingRun>()),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<WaitingRun>>(
                    (a, b) => a!.SequenceEqual(b!),
                    v => v.Aggregate(0, (hash, w) => HashCode.Combine(hash, w.GetHashCode())),
                    v => v.ToList()));
        });

        modelBuilder.Entity<RunStepRecord>(step =>
        {
            step.ToTable("run_steps");
            step.HasKey(x => new { x.RunId, x.StepId });
            step.Property(x => x.StepId).HasMaxLength(128);
        });

        modelBuilder.Entity<RunLogRecord>(line =>
        {
            line.ToTable("run_log_lines");
            line.HasKey(x => new { x.RunId, x.Seq });
        });

        modelBuilder.AddScheduledMessages();
        modelBuilder.AddRunsApiTables();
        modelBuilder.AddTemplateTables();
        modelBuilder.AddScheduleTables();
        modelBuilder.AddTriggerTables();
        modelBuilder.AddSpecDocumentTables();

        modelBuilder.UseSnakeCaseNamesAndUtcTimes();
    }
}

/// <summary>The orchestrator's database on PostgreSQL (distributed mode).</summary>
public sealed class PostgresOrchestratorDbContext(DbContextOptions<PostgresOrchestratorDbContext> options) : OrchestratorDbContext(options);

/// <summary>The orchestrator's database on SQLite (embedded mode).</summary>
public sealed class SqliteOrchestratorDbContext(DbContextOptions<SqliteOrchestratorDbContext> options) : OrchestratorDbContext(options);

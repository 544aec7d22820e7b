using Microsoft.EntityFrameworkCore;

namespace OpsBus.Orchestrator.Triggers;

/// <summary>The <c>triggers</c>, <c>github_deliveries</c> and <c>trigger_evaluations</c> tables.</summary>
public static class TriggersModel
{
    public static ModelBuilder AddTriggerTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TriggerRecord>(trigger =>
        {
            trigger.ToTable("triggers");
            trigger.HasKey(x => x.Id);
            trigger.Property(x => x.Name).HasMaxLength(128);
            trigger.Property(x => x.Repository).HasMaxLength(256);
            trigger.Property(x => x.Event).HasMaxLength(32);
            trigger.Property(x => x.Template).HasMaxLength(128);
            trigger.Property(x => x.Environment).HasMaxLength(64);
            trigger.Property(x => x.Lane).HasMaxLength(32);
            trigger.Property(x => x.SessionId).HasMaxLength(128);
            trigger.Property(x => x.CreatedBy).HasMaxLength(256);
            trigger.HasIndex(x => new { x.Event, x.Enabled });
        });

        modelBuilder.Entity<GitHubDeliveryRecord>(delivery =>
        {
            delivery.ToTable("github_deliveries");
            delivery.HasKey(x => x.DeliveryId);
            delivery.Property(x => x.DeliveryId).HasMaxLength(64);
            delivery.Property(x => x.Event).HasMaxLength(64);
            delivery.Property(x => x.Ignored).HasMaxLength(512);
        });

        modelBuilder.Entity<TriggerEvaluationRecord>(evaluation =>
        {
            evaluation.ToTable("trigger_evaluations");
            evaluation.HasKey(x => new { x.TriggerId, x.DeliveryId });
            evaluation.Property(x => x.DeliveryId).HasMaxLength(64);
            evaluation.Property(x => x.Event).HasMaxLength(32);
            evaluation.Property(x => x.Action).HasMaxLength(64);
            evaluation.Property(x => x.Repository).HasMaxLength(256);
            evaluation.Property(x => x.Ref).HasMaxLength(256);
            evaluation.Property(x => x.Sha).HasMaxLength(64);
            evaluation.HasIndex(x => new { x.TriggerId, x.EvaluatedAt });
        });
        return modelBuilder;
    }
}

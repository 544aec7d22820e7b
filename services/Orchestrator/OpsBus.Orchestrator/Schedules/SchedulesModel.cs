using Microsoft.EntityFrameworkCore;

namespace OpsBus.Orchestrator.Schedules;

/// <summary>The <c>schedules</c> table.</summary>
public static class SchedulesModel
{
    public static ModelBuilder AddScheduleTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<RunScheduleRecord>(schedule =>
        {
            schedule.ToTable("schedules");
            schedule.HasKey(x => x.Id);
            schedule.Property(x => x.Name).HasMaxLength(128);
            schedule.Property(x => x.Template).HasMaxLength(128);
            schedule.Property(x => x.Environment).HasMaxLength(64);
            schedule.Property(x => x.Lane).HasMaxLength(32);
            schedule.Property(x => x.Cron).HasMaxLength(128);
            schedule.Property(x => x.TimeZone).HasMaxLength(64);
            schedule.Property(x => x.CreatedBy).HasMaxLength(256);
            schedule.Property(x => x.Version).IsConcurrencyToken();
            schedule.HasIndex(x => x.CreatedBy);
        });
        return modelBuilder;
    }
}

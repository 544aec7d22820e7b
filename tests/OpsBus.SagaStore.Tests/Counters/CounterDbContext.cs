using Microsoft.EntityFrameworkCore;

namespace OpsBus.SagaStore.Tests.Counters;

/// <summary>Stands in for a host's own DbContext: it owns the mapping, the saga store only needs the defaults.</summary>
public sealed class CounterDbContext(DbContextOptions<CounterDbContext> options) : DbContext(options)
{
    public DbSet<CounterSaga> Counters => Set<CounterSaga>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CounterSaga>(entity =>
        {
            entity.ToTable("counter_saga");
            entity.ConfigureSagaDefaults();
            entity.Property(x => x.CurrentState).HasMaxLength(64);
            entity.Property(x => x.Key).HasMaxLength(200);
            entity.HasIndex(x => x.Key);
        });
    }
}

using Microsoft.EntityFrameworkCore;
using OpsBus.SagaStore;

namespace OpsBus.Scheduling.Tests.Infrastructure;

/// <summary>Stands in for a service's own context: the scheduler's tables are part of its model, next to a saga's.</summary>
public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddScheduledMessages();
        modelBuilder.Entity<WaitState>(saga => saga.ToTable("wait_states").ConfigureSagaDefaults());
    }
}

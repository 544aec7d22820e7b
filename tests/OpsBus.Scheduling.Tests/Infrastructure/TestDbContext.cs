using Microsoft.EntityFrameworkCore;

namespace OpsBus.Scheduling.Tests.Infrastructure;

/// <summary>Stands in for a service's own context: the scheduler's tables are part of its model.</summary>
public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddScheduledMessages();
}

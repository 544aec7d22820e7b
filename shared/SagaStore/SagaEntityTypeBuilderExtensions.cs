using MassTransit;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsBus.SagaStore;

public static class SagaEntityTypeBuilderExtensions
{
    /// <summary>
    /// What the saga store relies on: <c>CorrelationId</c> is the key and comes from the message, never from the
    /// database; <c>Version</c> is the optimistic concurrency token. Columns, table and indexes stay the host's.
    /// </summary>
    public static EntityTypeBuilder<TSaga> ConfigureSagaDefaults<TSaga>(this EntityTypeBuilder<TSaga> entity)
        where TSaga : class, ISagaVersion
    {
        entity.HasKey(x => x.CorrelationId);
        entity.Property(x => x.CorrelationId).ValueGeneratedNever();
        entity.Property(x => x.Version).IsConcurrencyToken();
        return entity;
    }
}

using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace OpsBus.SagaStore;

public static class SagaStoreRegistrationExtensions
{
    /// <summary>
    /// Stores the saga in <typeparamref name="TDbContext" />, which the host registers with <c>AddDbContext</c> and
    /// whose model maps <typeparamref name="TSaga" /> (see <see cref="SagaEntityTypeBuilderExtensions.ConfigureSagaDefaults{TSaga}" />).
    /// The saga's endpoint needs <c>UseMessageRetry</c> handling <see cref="DbUpdateException" />, and <c>UseInMemoryOutbox</c>.
    /// </summary>
    /// <remarks>C# cannot infer <typeparamref name="TSaga" /> while <typeparamref name="TDbContext" /> is given, hence both.</remarks>
    public static ISagaRegistrationConfigurator<TSaga> EfCoreRepository<TSaga, TDbContext>(this ISagaRegistrationConfigurator<TSaga> configurator)
        where TSaga : class, ISagaVersion
        where TDbContext : DbContext
    {
        return configurator.Repository(r => r.RegisterEfCoreSagaRepository<TSaga, TDbContext>());
    }

    /// <summary>
    /// Registers the repository context factories MassTransit resolves per message scope. Registering only
    /// <c>ISagaRepository&lt;T&gt;</c> would not be used by the saga endpoint.
    /// </summary>
    public static void RegisterEfCoreSagaRepository<TSaga, TDbContext>(this ISagaRepositoryRegistrationConfigurator<TSaga> configurator)
        where TSaga : class, ISagaVersion
        where TDbContext : DbContext
    {
        configurator.RegisterLoadSagaRepository<TSaga, EfCoreSagaRepositoryContextFactory<TSaga, TDbContext>>();
        configurator.RegisterQuerySagaRepository<TSaga, EfCoreSagaRepositoryContextFactory<TSaga, TDbContext>>();
        configurator.RegisterSagaRepository<TSaga, TDbContext, SagaConsumeContextFactory<TDbContext, TSaga>,
            EfCoreSagaRepositoryContextFactory<TSaga, TDbContext>>();
    }
}

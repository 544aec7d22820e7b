// OpsBus saga store: replaces MassTransit.EntityFrameworkCore's saga repository
// (EntityFrameworkRepository with ConcurrencyMode.Optimistic), which is not available to us.
//
// Every message runs against a fresh, scoped DbContext: load the instance (tracked), run the saga, then one
// SaveChanges that inserts, updates (Version + 1, guarded by the old Version) or deletes the row. Conflicts
// surface as DbUpdateException (DbUpdateConcurrencyException for a lost update, a key violation for a
// duplicate insert); the endpoint's retry then replays the message against fresh state, and its in-memory outbox
// holds outgoing messages until the save succeeded (UseSagaStoreRetryAndOutbox; see README.md). No explicit
// transactions, no lock statements: it behaves the same on PostgreSQL and SQLite.
using MassTransit;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace OpsBus.SagaStore;

/// <summary>
/// Stores <typeparamref name="TSaga" /> in the host's <typeparamref name="TDbContext" />. Registered scoped by
/// <see cref="SagaStoreRegistrationExtensions" />, so it receives the DbContext of the message's service scope.
/// </summary>
public sealed class EfCoreSagaRepositoryContextFactory<TSaga, TDbContext>(
    TDbContext dbContext,
    ISagaConsumeContextFactory<TDbContext, TSaga> consumeContextFactory) :
    ISagaRepositoryContextFactory<TSaga>,
    ILoadSagaRepositoryContextFactory<TSaga>,
    IQuerySagaRepositoryContextFactory<TSaga>
    where TSaga : class, ISagaVersion
    where TDbContext : DbContext
{
    public async Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class
    {
        using var repositoryContext = new EfCoreSagaRepositoryContext<TSaga, TDbContext, T>(dbContext, context, consumeContextFactory);

        await next.Send(repositoryContext);
    }

    public async Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class
    {
        using var repositoryContext = new EfCoreSagaRepositoryContext<TSaga, TDbContext, T>(dbContext, context, consumeContextFactory);

        var instances = await dbContext.Set<TSaga>()
            .AsTracking()
            .Where(query.FilterExpression)
            .ToListAsync(context.CancellationToken);

        await next.Send(new LoadedSagaRepositoryQueryContext<TSaga, T>(repositoryContext, instances));
    }

    public Task<T> Execute<T>(Func<LoadSagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class
    {
        return asyncMethod(new EfCoreSagaReadContext<TSaga>(dbContext, cancellationToken));
    }

    public Task<T> Execute<T>(Func<QuerySagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class
    {
        return asyncMethod(new EfCoreSagaReadContext<TSaga>(dbContext, cancellationToken));
    }

    public void Probe(ProbeContext context)
    {
        context.Add("persistence", "efcore");
        context.Add("dbContext", typeof(TDbContext).Name);
        context.Add("concurrency", "optimistic");
    }
}

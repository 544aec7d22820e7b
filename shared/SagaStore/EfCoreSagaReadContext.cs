using MassTransit;
using MassTransit.Middleware;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace OpsBus.SagaStore;

/// <summary>Read-only access outside a message, behind <c>ILoadSagaRepository&lt;T&gt;.Load</c> and <c>IQuerySagaRepository&lt;T&gt;.Find</c>.</summary>
sealed class EfCoreSagaReadContext<TSaga>(DbContext dbContext, CancellationToken cancellationToken) :
    BasePipeContext(cancellationToken),
    LoadSagaRepositoryContext<TSaga>,
    QuerySagaRepositoryContext<TSaga>
    where TSaga : class, ISagaVersion
{
    public async Task<TSaga> Load(Guid correlationId)
    {
        var instance = await dbContext.Set<TSaga>()
            .AsNoTracking()
            .SingleOrDefaultAsync(x => x.CorrelationId == correlationId, CancellationToken);

        // MassTransit declares the result non-null but reads null as "no such instance".
        return instance!;
    }

    public async Task<SagaRepositoryQueryContext<TSaga>> Query(ISagaQuery<TSaga> query, CancellationToken cancellationToken = default)
    {
        var correlationIds = await dbContext.Set<TSaga>()
            .AsNoTracking()
            .Where(query.FilterExpression)
            .Select(x => x.CorrelationId)
            .ToListAsync(cancellationToken);

        return new DefaultSagaRepositoryQueryContext<TSaga>(this, correlationIds);
    }
}

using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace OpsBus.SagaStore;

/// <summary>
/// One message's view of the saga table. MassTransit's saga pipe calls Load or Add/Insert, runs the saga, then
/// exactly one of Save, Update, Delete, Discard or Undo; each write is a single SaveChanges.
/// </summary>
sealed class EfCoreSagaRepositoryContext<TSaga, TDbContext, TMessage> :
    ConsumeContextScope<TMessage>,
    SagaRepositoryContext<TSaga, TMessage>,
    IDisposable
    where TSaga : class, ISagaVersion
    where TDbContext : DbContext
    where TMessage : class
{
    const int FirstVersion = 1;

    readonly ConsumeContext<TMessage> _consumeContext;
    readonly TDbContext _dbContext;
    readonly ISagaConsumeContextFactory<TDbContext, TSaga> _factory;

    public EfCoreSagaRepositoryContext(TDbContext dbContext, ConsumeContext<TMessage> consumeContext,
        ISagaConsumeContextFactory<TDbContext, TSaga> factory)
        : base(consumeContext, dbContext)
    {
        _dbContext = dbContext;
        _consumeContext = consumeContext;
        _factory = factory;
    }

    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance)
    {
        return CreateSagaConsumeContext(_consumeContext, instance, SagaConsumeContextMode.Add);
    }

    /// <summary>Pre-inserts a new instance (state machines with <c>InsertOnInitial</c>).</summary>
    /// <returns>null when the row already exists, so that MassTransit loads it instead (MassTransit declares the
    /// result non-null but reads null as "not available", here and in <see cref="Load" />).</returns>
    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance)
    {
        instance.Version = FirstVersion;
        var entry = _dbContext.Set<TSaga>().Add(instance);
        try
        {
            await _dbContext.SaveChangesAsync(CancellationToken);
        }
        catch (DbUpdateException)
        {
            entry.State = EntityState.Detached;
            return null!;
        }

        return await CreateSagaConsumeContext(_consumeContext, instance, SagaConsumeContextMode.Insert);
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId)
    {
        var instance = await _dbContext.Set<TSaga>()
            .AsTracking()
            .SingleOrDefaultAsync(x => x.CorrelationId == correlationId, CancellationToken);

        return instance is null
            ? null!
            : await CreateSagaConsumeContext(_consumeContext, instance, SagaConsumeContextMode.Load);
    }

    /// <summary>Inserts an instance the saga created for this message; a key violation means another message created it first.</summary>
    public Task Save(SagaConsumeContext<TSaga> context)
    {
        context.Saga.Version = FirstVersion;
        _dbContext.Set<TSaga>().Add(context.Saga);
        return _dbContext.SaveChangesAsync(CancellationToken);
    }

    /// <summary>
    /// Always writes, even when the saga changed nothing else: the UPDATE's <c>WHERE Version = old</c> is what turns a
    /// concurrent change of the same row into a <see cref="DbUpdateConcurrencyException" />.
    /// </summary>
    public Task Update(SagaConsumeContext<TSaga> context)
    {
        context.Saga.Version++;
        return _dbContext.SaveChangesAsync(CancellationToken);
    }

    public Task Delete(SagaConsumeContext<TSaga> context)
    {
        _dbContext.Set<TSaga>().Remove(context.Saga);
        return _dbContext.SaveChangesAsync(CancellationToken);
    }

    /// <summary>A new instance that finalized within its first message was never written.</summary>
    public Task Discard(SagaConsumeContext<TSaga> context)
    {
        return Task.CompletedTask;
    }

    public Task Undo(SagaConsumeContext<TSaga> context)
    {
        _dbContext.Entry(context.Saga).State = EntityState.Detached;
        return Task.CompletedTask;
    }

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance,
        SagaConsumeContextMode mode)
        where T : class
    {
        return _factory.CreateSagaConsumeContext(_dbContext, consumeContext, instance, mode);
    }

    /// <summary>
    /// Leaves no saga tracked. If the host's message scope spans retry attempts, the next attempt must read the row
    /// again instead of getting this attempt's stale instance back from the change tracker.
    /// </summary>
    public void Dispose()
    {
        // Listing the entries would first scan every tracked entity for changes, which only a save needs.
        var tracker = _dbContext.ChangeTracker;
        var detectChanges = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in tracker.Entries<TSaga>().ToList())
                entry.State = EntityState.Detached;
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detectChanges;
        }
    }
}

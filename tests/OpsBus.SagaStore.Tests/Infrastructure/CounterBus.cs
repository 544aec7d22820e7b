using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsBus.SagaStore.Tests.Counters;
using OpsBus.Testing;

namespace OpsBus.SagaStore.Tests.Infrastructure;

/// <summary>A running in-memory bus whose counter saga is stored in a fresh database, as a host would wire it.</summary>
public sealed class CounterBus : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    readonly SagaDatabase _database;
    readonly ServiceProvider _provider;

    CounterBus(SagaDatabase database, ServiceProvider provider)
    {
        _database = database;
        _provider = provider;
        Harness = provider.GetRequiredService<ITestHarness>();
    }

    public ITestHarness Harness { get; }

    public IBus Bus => Harness.Bus;

    /// <summary>MassTransit's read side of the saga repository (<c>Load</c>, <c>Find</c>), served by the saga store.</summary>
    public ILoadSagaRepository<CounterSaga> LoadRepository => _provider.GetRequiredService<ILoadSagaRepository<CounterSaga>>();

    public IQuerySagaRepository<CounterSaga> QueryRepository => _provider.GetRequiredService<IQuerySagaRepository<CounterSaga>>();

    public RetryLog Retries => _provider.GetRequiredService<RetryLog>();

    public InsertRace InsertRace => _provider.GetRequiredService<InsertRace>();

    public static async Task<CounterBus> StartAsync(DatabaseEngine engine, CounterHostOptions? options = null, TcpProxy? proxy = null)
    {
        var database = await SagaDatabase.CreateAsync(engine, proxy);

        var services = new ServiceCollection();
        services.AddSingleton(options ?? new CounterHostOptions());
        services.AddSingleton<RetryLog>();
        services.AddSingleton<InsertRace>();
        services.AddDbContext<CounterDbContext>(database.Configure);
        services.AddMassTransitTestHarness(TextWriter.Null, x =>
        {
            x.SetTestTimeouts(testTimeout: TimeSpan.FromMinutes(2));
            x.AddSagaStateMachine<CounterStateMachine, CounterSaga, CounterSagaDefinition>()
                .EfCoreRepository<CounterSaga, CounterDbContext>();
        });

        var provider = services.BuildServiceProvider(validateScopes: true);
        var bus = new CounterBus(database, provider);
        await bus.Harness.Start();
        return bus;
    }

    public Task<CounterSaga> WaitFor(Guid counterId, Func<CounterSaga, bool> condition, string what)
    {
        return Eventually.Get(async () =>
        {
            var counter = await LoadRepository.Load(counterId);
            return counter is not null && condition(counter) ? counter : null;
        }, Deadline, what);
    }

    public Task WaitUntilGone(Guid counterId)
    {
        return Eventually.True(async () => await LoadRepository.Load(counterId) is null, Deadline, $"counter {counterId} removed");
    }

    public async Task<int> CountRows(Guid counterId)
    {
        await using var dbContext = _database.CreateDbContext();
        return await dbContext.Counters.CountAsync(x => x.CorrelationId == counterId);
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
        await _database.DisposeAsync();
    }
}

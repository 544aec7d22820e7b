using MassTransit;
using MassTransit.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OpsBus.SagaStore;
using OpsBus.Scheduling.Tests.Infrastructure;
using OpsBus.Testing;

namespace OpsBus.Scheduling.Tests;

[Trait("Category", "Integration")]
public sealed class When_a_stored_saga_schedules_in_its_own_save
{
    [Fact]
    public async Task Should_store_the_timeout_with_the_saga_and_send_no_scheduler_command()
    {
        await using var database = await TestDatabase.PostgresAsync();
        var deliveries = new Deliveries();
        await using var host = await TransactionalSagaHost.StartAsync(database, deliveries);
        var waitId = NewId.NextGuid();

        await host.Publish(new StartWaiting(waitId));
        var tokenId = await SagaHost.SingleScheduledToken(database);
        Assert.Equal(tokenId, await TransactionalSagaHost.SagaTokenAsync(database, waitId));

        var observed = await deliveries.WaitFor<WaitExpiryObserved>(o => o.WaitId == waitId, TimeSpan.FromSeconds(10), "Received raised");
        var expiry = (WaitExpiryObserved)observed.Message;

        Assert.Equal(tokenId, expiry.MessageTokenId);
        Assert.Equal(tokenId, expiry.SagaTokenId);
        Assert.Empty(deliveries.Of<ScheduleMessage>(TransactionalSagaHost.IsTimeout));
        Assert.Empty(deliveries.Of<CancelScheduledMessage>(_ => true));
        await Eventually.True(async () => await database.CountScheduledAsync() == 0, TimeSpan.FromSeconds(5), "the sent row retired");
    }

    [Fact]
    public async Task Should_wake_the_dispatcher_once_the_save_committed()
    {
        await using var database = await TestDatabase.PostgresAsync();
        var deliveries = new Deliveries();
        await using var host = await TransactionalSagaHost.StartAsync(database, deliveries,
            configureScheduler: o => o.PollInterval = TimeSpan.FromMinutes(5));
        var waitId = NewId.NextGuid();

        var startedAt = DateTime.UtcNow;
        await host.Publish(new StartWaiting(waitId));
        var observed = await deliveries.WaitFor<WaitExpiryObserved>(o => o.WaitId == waitId, TimeSpan.FromSeconds(10), "Received raised");

        // The saga's delay is 2 s; a dispatcher that was not woken would sleep its 5 minutes.
        Assert.InRange(observed.ReceivedAt, startedAt.AddSeconds(2), startedAt.AddSeconds(4));
    }

    [Fact]
    public async Task Should_delete_the_replaced_timeout_and_fire_only_the_latest()
    {
        await using var database = await TestDatabase.PostgresAsync();
        var deliveries = new Deliveries();
        await using var host = await TransactionalSagaHost.StartAsync(database, deliveries);
        var waitId = NewId.NextGuid();

        await host.Publish(new StartWaiting(waitId));
        var firstToken = await SagaHost.SingleScheduledToken(database);

        var extendedAt = DateTime.UtcNow;
        await host.Publish(new ExtendWaiting(waitId, TimeSpan.FromSeconds(3)));
        await Eventually.True(async () => !await database.IsScheduledAsync(firstToken), TimeSpan.FromSeconds(5), "the first timeout deleted");
        var latestToken = await SagaHost.SingleScheduledToken(database);

        var observed = await deliveries.WaitFor<WaitExpiryObserved>(o => o.WaitId == waitId, TimeSpan.FromSeconds(10), "Received raised");

        Assert.Equal(latestToken, ((WaitExpiryObserved)observed.Message).MessageTokenId);
        Assert.True(observed.ReceivedAt >= extendedAt.AddSeconds(3), "fired by the latest schedule, not the first");
        Assert.Single(deliveries.Of<WaitExpiryObserved>(o => o.WaitId == waitId));
        Assert.Empty(deliveries.Of<ScheduleMessage>(TransactionalSagaHost.IsTimeout));
    }
}

[Trait("Category", "Integration")]
public sealed class When_a_stored_saga_loses_the_race_to_save
{
    [Fact]
    public async Task Should_keep_only_the_timeout_of_the_attempt_that_was_saved()
    {
        await using var database = await TestDatabase.PostgresAsync();
        var deliveries = new Deliveries();
        var race = new ConcurrentUpdateBeforeSchedulingSave(database);
        await using var host = await TransactionalSagaHost.StartAsync(database, deliveries, race);
        var waitId = NewId.NextGuid();

        await host.Publish(new StartWaiting(waitId));
        var firstToken = await SagaHost.SingleScheduledToken(database);

        race.Arm();
        await host.Publish(new ExtendWaiting(waitId, TimeSpan.FromSeconds(3)));
        var lostToken = (await Eventually.Get(() => Task.FromResult(race.LostToken), TimeSpan.FromSeconds(5), "a save that lost the race"))!.Value;
        await Eventually.True(async () => !await database.IsScheduledAsync(firstToken), TimeSpan.FromSeconds(5), "the first timeout deleted");
        var savedToken = await SagaHost.SingleScheduledToken(database);

        Assert.NotEqual(lostToken, savedToken);
        Assert.Equal(savedToken, await TransactionalSagaHost.SagaTokenAsync(database, waitId));
        var observed = await deliveries.WaitFor<WaitExpiryObserved>(o => o.WaitId == waitId, TimeSpan.FromSeconds(10), "Received raised");
        Assert.Equal(savedToken, ((WaitExpiryObserved)observed.Message).MessageTokenId);
        Assert.False(await database.IsScheduledAsync(lostToken));
    }
}

static class TransactionalSagaHost
{
    public static Task<SchedulerHost> StartAsync(TestDatabase database, Deliveries deliveries, IInterceptor? interceptor = null,
        Action<DurableSchedulerOptions>? configureScheduler = null) =>
        SchedulerHost.StartAsync(database, deliveries, configureScheduler: configureScheduler, configureBus: x =>
            {
                x.AddSagaStateMachine<WaitStateMachine, WaitState, TransactionalWaitDefinition>().EfCoreRepository<WaitState, TestDbContext>();
                x.AddConsumer<WaitExpiryObservedConsumer>();
                x.AddConsumer<SchedulerCommandSpy>();
            },
            configureDatabase: interceptor is null ? null : options => options.AddInterceptors(interceptor));

    public static bool IsTimeout(ScheduleMessage command) => command.PayloadType.Any(type => type.Contains(nameof(WaitingExpired)));

    public static async Task<Guid?> SagaTokenAsync(TestDatabase database, Guid waitId)
    {
        await using var db = database.Open();
        return await db.Set<WaitState>().Where(x => x.CorrelationId == waitId).Select(x => x.ExpiryTokenId).SingleAsync();
    }
}

/// <summary>The saga stored by the saga store, with its timeouts written in the saga's own save.</summary>
sealed class TransactionalWaitDefinition : SagaDefinition<WaitState>
{
    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<WaitState> sagaConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseTransactionalMessageScheduler<TestDbContext>();
        endpointConfigurator.UseSagaStoreRetryAndOutbox(context);
    }
}

/// <summary>Records every command sent to a bus scheduler, which a transactional schedule must not need.</summary>
sealed class SchedulerCommandSpy(Deliveries deliveries, HostName host) : IConsumer<ScheduleMessage>, IConsumer<CancelScheduledMessage>
{
    public Task Consume(ConsumeContext<ScheduleMessage> context)
    {
        deliveries.Record(context, host.Name);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<CancelScheduledMessage> context)
    {
        deliveries.Record(context, host.Name);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Once armed, makes the next save of a changed saga that schedules a timeout lose a race: just before it, another
/// writer bumps the saga's version, so the save fails with a concurrency conflict and the message is retried.
/// </summary>
sealed class ConcurrentUpdateBeforeSchedulingSave(TestDatabase database) : SaveChangesInterceptor
{
    int _armed;

    public Guid? LostToken { get; private set; }

    public void Arm() => Interlocked.Exchange(ref _armed, 1);

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        var tracker = eventData.Context!.ChangeTracker;
        var saga = tracker.Entries<WaitState>().FirstOrDefault(e => e.State == EntityState.Modified);
        var scheduled = tracker.Entries<ScheduledMessage>().FirstOrDefault(e => e.State == EntityState.Added);
        if (saga is null || scheduled is null || Interlocked.Exchange(ref _armed, 0) == 0)
            return result;

        await using var other = database.Open();
        await other.Set<WaitState>().Where(x => x.CorrelationId == saga.Entity.CorrelationId)
            .ExecuteUpdateAsync(set => set.SetProperty(x => x.Version, x => x.Version + 1), cancellationToken);
        LostToken = scheduled.Entity.TokenId;
        return result;
    }
}

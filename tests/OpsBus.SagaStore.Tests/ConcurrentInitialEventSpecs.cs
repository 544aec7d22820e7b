using MassTransit;
using Microsoft.EntityFrameworkCore;
using OpsBus.SagaStore.Tests.Counters;
using OpsBus.SagaStore.Tests.Infrastructure;

namespace OpsBus.SagaStore.Tests;

public abstract class When_many_initial_events_arrive_for_a_new_instance_at_once(DatabaseEngine engine)
{
    const int Events = 20;

    [Fact]
    public async Task Should_create_one_row_and_apply_every_event()
    {
        await using var bus = await CounterBus.StartAsync(engine);
        var counterId = Guid.NewGuid();
        bus.InsertRace.Arm(participants: 2);

        await Task.WhenAll(Enumerable.Range(0, Events).Select(_ => bus.Bus.Publish(new CounterIncremented(counterId))));

        var counter = await bus.WaitFor(counterId, c => c.Count >= Events, $"count reaches {Events}");
        Assert.Equal(Events, counter.Count);
        Assert.Equal(Events, counter.Version);
        Assert.Equal(1, await bus.CountRows(counterId));
        Assert.Contains(bus.Retries.Faults, e => e is DbUpdateException and not DbUpdateConcurrencyException);
        Assert.False(await bus.Harness.Published.Any<Fault<CounterIncremented>>());
    }

    [Fact]
    public async Task Should_create_one_row_and_apply_every_event_when_the_state_machine_inserts_on_initial()
    {
        await using var bus = await CounterBus.StartAsync(engine, new CounterHostOptions(InsertOnInitial: true));
        var counterId = Guid.NewGuid();
        bus.InsertRace.Arm(participants: 2);

        await Task.WhenAll(Enumerable.Range(0, Events).Select(_ => bus.Bus.Publish(new CounterIncremented(counterId))));

        var counter = await bus.WaitFor(counterId, c => c.Count >= Events, $"count reaches {Events}");
        Assert.Equal(Events, counter.Count);
        Assert.Equal(1 + Events, counter.Version);
        Assert.Equal(1, await bus.CountRows(counterId));
        Assert.Contains(bus.Retries.Faults, e => e is DbUpdateConcurrencyException);
        Assert.False(await bus.Harness.Published.Any<Fault<CounterIncremented>>());
    }
}

[Trait("Category", "Integration")]
public sealed class When_many_initial_events_arrive_for_a_new_instance_at_once_on_PostgreSQL()
    : When_many_initial_events_arrive_for_a_new_instance_at_once(DatabaseEngine.PostgreSql);

public sealed class When_many_initial_events_arrive_for_a_new_instance_at_once_on_SQLite()
    : When_many_initial_events_arrive_for_a_new_instance_at_once(DatabaseEngine.Sqlite);

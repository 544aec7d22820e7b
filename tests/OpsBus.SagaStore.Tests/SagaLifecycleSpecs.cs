using OpsBus.SagaStore.Tests.Counters;
using OpsBus.SagaStore.Tests.Infrastructure;

namespace OpsBus.SagaStore.Tests;

public abstract class When_a_saga_goes_from_initial_event_to_finalized(DatabaseEngine engine)
{
    [Fact]
    public async Task Should_insert_then_update_then_delete_its_row()
    {
        await using var bus = await CounterBus.StartAsync(engine);
        var counterId = Guid.NewGuid();

        await bus.Bus.Publish(new CounterStarted(counterId, "lifecycle"));
        var started = await bus.WaitFor(counterId, _ => true, "row inserted by the initial event");
        Assert.Equal("Counting", started.CurrentState);
        Assert.Equal("lifecycle", started.Key);
        Assert.Equal(1, started.Version);

        await bus.Bus.Publish(new CounterIncremented(counterId));
        var incremented = await bus.WaitFor(counterId, c => c.Count == 1, "row updated by the second event");
        Assert.Equal("Counting", incremented.CurrentState);
        Assert.Equal(2, incremented.Version);

        await bus.Bus.Publish(new CounterFinished(counterId));
        await bus.WaitUntilGone(counterId);
        Assert.Equal(0, await bus.CountRows(counterId));
    }

    [Fact]
    public async Task Should_not_create_a_row_for_an_event_that_cannot_start_the_saga()
    {
        await using var bus = await CounterBus.StartAsync(engine);
        var counterId = Guid.NewGuid();

        await bus.Bus.Publish(new CounterFinished(counterId));

        Assert.True(await bus.Harness.Consumed.Any<CounterFinished>(x => x.Context.Message.CounterId == counterId));
        Assert.Equal(0, await bus.CountRows(counterId));
    }
}

[Trait("Category", "Integration")]
public sealed class When_a_saga_goes_from_initial_event_to_finalized_on_PostgreSQL()
    : When_a_saga_goes_from_initial_event_to_finalized(DatabaseEngine.PostgreSql);

public sealed class When_a_saga_goes_from_initial_event_to_finalized_on_SQLite()
    : When_a_saga_goes_from_initial_event_to_finalized(DatabaseEngine.Sqlite);

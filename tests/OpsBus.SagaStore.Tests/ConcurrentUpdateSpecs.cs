using MassTransit;
using Microsoft.EntityFrameworkCore;
using OpsBus.SagaStore.Tests.Counters;
using OpsBus.SagaStore.Tests.Infrastructure;

namespace OpsBus.SagaStore.Tests;

public abstract class When_many_events_update_one_instance_at_once(DatabaseEngine engine)
{
    const int Increments = 100;

    [Fact]
    public Task Should_apply_every_event_exactly_once()
    {
        return IncrementConcurrently(new CounterHostOptions());
    }

    [Fact]
    public Task Should_apply_every_event_exactly_once_when_one_message_scope_spans_the_retries()
    {
        return IncrementConcurrently(new CounterHostOptions(MessageScopeOutsideRetry: true));
    }

    async Task IncrementConcurrently(CounterHostOptions options)
    {
        await using var bus = await CounterBus.StartAsync(engine, options);
        var counterId = Guid.NewGuid();
        await bus.Bus.Publish(new CounterStarted(counterId, "busy"));
        await bus.WaitFor(counterId, _ => true, "counter started");

        await Task.WhenAll(Enumerable.Range(0, Increments).Select(_ => bus.Bus.Publish(new CounterIncremented(counterId))));

        var counter = await bus.WaitFor(counterId, c => c.Count >= Increments, $"count reaches {Increments}");
        Assert.Equal(Increments, counter.Count);
        Assert.Equal(1 + Increments, counter.Version);
        Assert.Contains(bus.Retries.Faults, e => e is DbUpdateConcurrencyException);
        Assert.False(await bus.Harness.Published.Any<Fault<CounterIncremented>>());

        // An attempt that lost the race and still published would show up as a repeated count.
        var announced = new List<int>();
        await foreach (var changed in bus.Harness.Published.SelectAsync<CounterChanged>(x => x.Context.Message.CounterId == counterId))
            announced.Add(changed.Context.Message.Count);
        Assert.Equal(Enumerable.Range(1, Increments), announced.Order());
    }
}

[Trait("Category", "Integration")]
public sealed class When_many_events_update_one_instance_at_once_on_PostgreSQL()
    : When_many_events_update_one_instance_at_once(DatabaseEngine.PostgreSql);

public sealed class When_many_events_update_one_instance_at_once_on_SQLite()
    : When_many_events_update_one_instance_at_once(DatabaseEngine.Sqlite);

public abstract class When_two_contexts_save_the_same_loaded_instance(DatabaseEngine engine)
{
    [Fact]
    public async Task Should_reject_the_second_save_with_a_concurrency_exception()
    {
        await using var database = await SagaDatabase.CreateAsync(engine);
        var counterId = Guid.NewGuid();
        await using (var setup = database.CreateDbContext())
        {
            setup.Counters.Add(new CounterSaga { CorrelationId = counterId, Version = 1, CurrentState = "Counting", Key = "contended" });
            await setup.SaveChangesAsync();
        }

        await using var first = database.CreateDbContext();
        await using var second = database.CreateDbContext();
        var firstCopy = await first.Counters.SingleAsync(x => x.CorrelationId == counterId);
        var secondCopy = await second.Counters.SingleAsync(x => x.CorrelationId == counterId);

        // What the saga store does on Update: change the instance and move Version on.
        firstCopy.Count = 10;
        firstCopy.Version++;
        secondCopy.Count = 20;
        secondCopy.Version++;

        await first.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = database.CreateDbContext();
        var stored = await check.Counters.SingleAsync(x => x.CorrelationId == counterId);
        Assert.Equal(10, stored.Count);
        Assert.Equal(2, stored.Version);
    }
}

[Trait("Category", "Integration")]
public sealed class When_two_contexts_save_the_same_loaded_instance_on_PostgreSQL()
    : When_two_contexts_save_the_same_loaded_instance(DatabaseEngine.PostgreSql);

public sealed class When_two_contexts_save_the_same_loaded_instance_on_SQLite()
    : When_two_contexts_save_the_same_loaded_instance(DatabaseEngine.Sqlite);

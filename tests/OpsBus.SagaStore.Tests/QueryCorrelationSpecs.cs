using MassTransit.Saga;
using OpsBus.SagaStore.Tests.Counters;
using OpsBus.SagaStore.Tests.Infrastructure;

namespace OpsBus.SagaStore.Tests;

public abstract class When_an_event_is_correlated_by_a_property(DatabaseEngine engine)
{
    [Fact]
    public async Task Should_reach_only_the_matching_instance()
    {
        await using var bus = await CounterBus.StartAsync(engine);
        var (alpha, beta) = (Guid.NewGuid(), Guid.NewGuid());
        await bus.Bus.Publish(new CounterStarted(alpha, $"alpha-{alpha:N}"));
        await bus.Bus.Publish(new CounterStarted(beta, $"beta-{beta:N}"));
        await bus.WaitFor(alpha, _ => true, "alpha started");
        await bus.WaitFor(beta, _ => true, "beta started");

        await bus.Bus.Publish(new CounterTagged($"alpha-{alpha:N}", "tagged"));

        var tagged = await bus.WaitFor(alpha, c => c.Tag is not null, "alpha tagged");
        Assert.Equal("tagged", tagged.Tag);
        Assert.Equal(2, tagged.Version);
        Assert.True(await bus.Harness.Consumed.Any<CounterTagged>());
        var untouched = await bus.LoadRepository.Load(beta);
        Assert.Null(untouched.Tag);
        Assert.Equal(1, untouched.Version);
    }

    [Fact]
    public async Task Should_find_the_instance_through_the_query_repository()
    {
        await using var bus = await CounterBus.StartAsync(engine);
        var counterId = Guid.NewGuid();
        var key = $"findable-{counterId:N}";
        await bus.Bus.Publish(new CounterStarted(counterId, key));
        await bus.WaitFor(counterId, _ => true, "counter started");

        var found = await bus.QueryRepository.Find(new SagaQuery<CounterSaga>(x => x.Key == key));

        Assert.Equal([counterId], found);
    }
}

[Trait("Category", "Integration")]
public sealed class When_an_event_is_correlated_by_a_property_on_PostgreSQL()
    : When_an_event_is_correlated_by_a_property(DatabaseEngine.PostgreSql);

public sealed class When_an_event_is_correlated_by_a_property_on_SQLite()
    : When_an_event_is_correlated_by_a_property(DatabaseEngine.Sqlite);

using MassTransit;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OpsBus.SagaStore.Tests.Counters;
using OpsBus.SagaStore.Tests.Infrastructure;
using OpsBus.Testing;

namespace OpsBus.SagaStore.Tests;

[Trait("Category", "Integration")]
public sealed class When_the_database_is_unreachable_for_a_few_seconds
{
    [Fact]
    public async Task Should_apply_an_event_that_arrived_meanwhile_once_it_is_back()
    {
        await using var proxy = new TcpProxy(new NpgsqlConnectionStringBuilder(TestPostgres.ServerConnectionString).Port);
        await using var bus = await CounterBus.StartAsync(DatabaseEngine.PostgreSql, proxy: proxy);
        var counterId = Guid.NewGuid();
        await bus.Bus.Publish(new CounterStarted(counterId, "outage"));
        await bus.WaitFor(counterId, _ => true, "row inserted before the outage");

        proxy.Cut(TimeSpan.FromSeconds(4));
        await bus.Bus.Publish(new CounterIncremented(counterId));

        // The test reads through the same proxy: its own reads fail while the cut lasts.
        var counter = await Eventually.Get(async () =>
        {
            try
            {
                return await bus.LoadRepository.Load(counterId) is { Count: 1 } applied ? applied : null;
            }
            catch (Exception e) when (DatabaseOutageRetry.IsTransient(e))
            {
                return null;
            }
        }, CounterBus.Deadline, "the increment applied after the outage");
        Assert.Equal(2, counter.Version);
        Assert.False(await bus.Harness.Published.Any<Fault<CounterIncremented>>());
    }
}

public sealed class When_a_database_failure_is_classified
{
    private sealed class FakeDbException(bool transient, string? sqlState = null) : System.Data.Common.DbException("fake")
    {
        public override bool IsTransient => transient;

        public override string? SqlState => sqlState;
    }

    [Fact]
    public void Should_call_lost_connections_shutdowns_and_timeouts_transient()
    {
        Assert.True(DatabaseOutageRetry.IsTransient(new FakeDbException(transient: true)));
        Assert.True(DatabaseOutageRetry.IsTransient(new FakeDbException(false, "57P01")));
        Assert.True(DatabaseOutageRetry.IsTransient(new FakeDbException(false, "08006")));
        Assert.True(DatabaseOutageRetry.IsTransient(new TimeoutException()));
        Assert.True(DatabaseOutageRetry.IsTransient(new DbUpdateException("save failed", new FakeDbException(transient: true))));
        Assert.True(DatabaseOutageRetry.IsTransient(new InvalidOperationException("wrapped", new AggregateException(new TimeoutException()))));
    }

    [Fact]
    public void Should_not_call_bad_data_or_lost_races_transient()
    {
        Assert.False(DatabaseOutageRetry.IsTransient(new FakeDbException(false, "23505")));
        Assert.False(DatabaseOutageRetry.IsTransient(new DbUpdateConcurrencyException("lost a race")));
        Assert.False(DatabaseOutageRetry.IsTransient(new ArgumentException("bad message")));
    }
}

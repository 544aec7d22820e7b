using MassTransit;
using Microsoft.EntityFrameworkCore;
using OpsBus.Scheduling.Tests.Infrastructure;
using OpsBus.Testing;

namespace OpsBus.Scheduling.Tests;

[Trait("Category", "Integration")]
public sealed class When_a_saga_schedules_a_timeout
{
    [Fact]
    public async Task Should_raise_received_with_the_token_it_stored()
    {
        await using var database = await TestDatabase.PostgresAsync();
        var deliveries = new Deliveries();
        await using var host = await SagaHost.StartAsync(database, deliveries);
        var waitId = NewId.NextGuid();

        var startedAt = DateTime.UtcNow;
        await host.Publish(new StartWaiting(waitId));
        var tokenId = await SagaHost.SingleScheduledToken(database);

        var observed = await deliveries.WaitFor<WaitExpiryObserved>(o => o.WaitId == waitId, TimeSpan.FromSeconds(10), "Received raised");
        var expiry = (WaitExpiryObserved)observed.Message;

        Assert.Equal(tokenId, expiry.SagaTokenId);
        Assert.Equal(tokenId, expiry.MessageTokenId);
        Assert.True(observed.ReceivedAt >= startedAt.AddSeconds(2), "not before the saga's delay");
    }
}

[Trait("Category", "Integration")]
public sealed class When_a_saga_reschedules_its_timeout
{
    [Fact]
    public async Task Should_fire_only_the_latest()
    {
        await using var database = await TestDatabase.PostgresAsync();
        var deliveries = new Deliveries();
        await using var host = await SagaHost.StartAsync(database, deliveries);
        var waitId = NewId.NextGuid();

        await host.Publish(new StartWaiting(waitId));
        var firstToken = await SagaHost.SingleScheduledToken(database);

        var extendedAt = DateTime.UtcNow;
        await host.Publish(new ExtendWaiting(waitId, TimeSpan.FromSeconds(3)));
        await Eventually.True(async () => await database.TombstoneAsync(firstToken) == TombstoneReason.Cancelled, TimeSpan.FromSeconds(5),
            "the first timeout cancelled");
        var latestToken = await SagaHost.SingleScheduledToken(database, besides: firstToken);

        var observed = await deliveries.WaitFor<WaitExpiryObserved>(o => o.WaitId == waitId, TimeSpan.FromSeconds(10), "Received raised");
        var expiry = (WaitExpiryObserved)observed.Message;

        Assert.NotEqual(firstToken, latestToken);
        Assert.Equal(latestToken, expiry.MessageTokenId);
        Assert.Equal(latestToken, expiry.SagaTokenId);
        Assert.True(observed.ReceivedAt >= extendedAt.AddSeconds(3), "fired by the latest schedule, not the first");
        await Eventually.True(async () => await database.CountScheduledAsync() == 0, TimeSpan.FromSeconds(5), "nothing left to fire");
        Assert.Single(deliveries.Of<WaitExpiryObserved>(o => o.WaitId == waitId));
    }
}

static class SagaHost
{
    public static Task<SchedulerHost> StartAsync(TestDatabase database, Deliveries deliveries) =>
        SchedulerHost.StartAsync(database, deliveries, configureBus: x =>
        {
            x.AddSagaStateMachine<WaitStateMachine, WaitState>().InMemoryRepository();
            x.AddConsumer<WaitExpiryObservedConsumer>();
        });

    /// <summary>Waits until exactly one timeout is stored (other than <paramref name="besides" />) and returns its token.</summary>
    public static async Task<Guid> SingleScheduledToken(TestDatabase database, Guid? besides = null)
    {
        var token = await Eventually.Get<Guid?>(async () =>
        {
            await using var db = database.Open();
            var tokens = await db.Set<ScheduledMessage>().Select(x => x.TokenId).Where(x => x != besides).ToListAsync();
            return tokens.Count == 1 ? tokens[0] : null;
        }, TimeSpan.FromSeconds(5), "exactly one scheduled timeout");
        return token!.Value;
    }
}

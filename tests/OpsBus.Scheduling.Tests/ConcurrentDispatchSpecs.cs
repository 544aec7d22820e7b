using OpsBus.Scheduling.Tests.Infrastructure;
using OpsBus.Testing;
using Xunit.Abstractions;

namespace OpsBus.Scheduling.Tests;

[Trait("Category", "Integration")]
public sealed class When_two_dispatchers_share_a_database(ITestOutputHelper output)
{
    const int Count = 50;

    [Fact]
    public async Task Should_deliver_each_message_exactly_once()
    {
        await using var database = await TestDatabase.PostgresAsync();
        var deliveries = new Deliveries();
        await using var left = await SchedulerHost.StartAsync(database, deliveries, "left");
        await using var right = await SchedulerHost.StartAsync(database, deliveries, "right");

        var dueAt = DateTime.UtcNow.AddSeconds(3);
        var reminders = Enumerable.Range(0, Count).Select(i => new ReminderDue(Guid.NewGuid(), $"reminder {i}")).ToList();
        await Task.WhenAll(reminders.Select((r, i) => (i % 2 == 0 ? left : right).SchedulePublish(dueAt, r)));
        await Eventually.True(async () => await database.CountScheduledAsync() == Count, TimeSpan.FromSeconds(10), "all stored");
        Assert.True(DateTime.UtcNow < dueAt, "all must be stored before they are due");

        var ids = reminders.Select(r => r.ReminderId).ToHashSet();
        await Eventually.True(() => Task.FromResult(deliveries.Of<ReminderDue>(r => ids.Contains(r.ReminderId)).Count >= Count),
            TimeSpan.FromSeconds(10), "all delivered");
        await Eventually.True(async () => await database.CountScheduledAsync() == 0, TimeSpan.FromSeconds(5), "all rows deleted");

        var delivered = deliveries.Of<ReminderDue>(r => ids.Contains(r.ReminderId));
        Assert.Equal(Count, delivered.Count);
        Assert.Equal(ids.Order(), delivered.Select(d => ((ReminderDue)d.Message).ReminderId).Order());
        Assert.All(delivered, d => Assert.InRange(d.ReceivedAt, dueAt, dueAt.AddSeconds(1.5)));
        foreach (var byHost in delivered.GroupBy(d => d.Host))
            output.WriteLine($"{byHost.Key} sent {byHost.Count()}");
    }
}

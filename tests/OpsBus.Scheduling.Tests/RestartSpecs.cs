using OpsBus.Scheduling.Tests.Infrastructure;
using OpsBus.Testing;

namespace OpsBus.Scheduling.Tests;

[Trait("Category", "Integration")]
public sealed class When_the_host_restarts_before_a_message_is_due
{
    [Fact]
    public async Task Should_deliver_it_once_from_the_new_host()
    {
        await using var database = await TestDatabase.PostgresAsync();
        var deliveries = new Deliveries();
        var reminder = new ReminderDue(Guid.NewGuid(), "after the restart");
        DateTime dueAt;

        await using (var first = await SchedulerHost.StartAsync(database, deliveries, "first"))
        {
            dueAt = DateTime.UtcNow.AddSeconds(3);
            await first.SchedulePublish(dueAt, reminder);
            await Eventually.True(async () => await database.CountScheduledAsync() == 1, TimeSpan.FromSeconds(5), "the message stored");
        }

        Assert.True(DateTime.UtcNow < dueAt, "the first host must be gone before the message is due");
        Assert.Empty(deliveries.Of<ReminderDue>(r => r.ReminderId == reminder.ReminderId));

        await using var second = await SchedulerHost.StartAsync(database, deliveries, "second");
        var delivery = await deliveries.WaitFor<ReminderDue>(r => r.ReminderId == reminder.ReminderId, TimeSpan.FromSeconds(10), "the reminder");
        await Eventually.True(async () => await database.CountScheduledAsync() == 0, TimeSpan.FromSeconds(5), "the row deleted after sending");

        Assert.Equal("second", delivery.Host);
        Assert.InRange(delivery.ReceivedAt, dueAt, dueAt.AddSeconds(1.5));
        Assert.Single(deliveries.Of<ReminderDue>(r => r.ReminderId == reminder.ReminderId));
    }
}

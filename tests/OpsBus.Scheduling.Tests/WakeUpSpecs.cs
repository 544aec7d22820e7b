using OpsBus.Scheduling.Tests.Infrastructure;

namespace OpsBus.Scheduling.Tests;

public sealed class When_the_poll_interval_is_far_longer_than_the_delays
{
    [Fact]
    public async Task Should_still_send_each_message_at_its_deadline()
    {
        await using var database = await TestDatabase.SqliteAsync();
        var deliveries = new Deliveries();
        await using var host = await SchedulerHost.StartAsync(database, deliveries,
            configureScheduler: o => o.PollInterval = TimeSpan.FromMinutes(5));

        // The later one is stored first, so the dispatcher plans to wake for it; the sooner one must cut that sleep short.
        var later = new ReminderDue(Guid.NewGuid(), "later");
        var laterDueAt = DateTime.UtcNow.AddSeconds(3);
        await host.SchedulePublish(laterDueAt, later);
        var sooner = new ReminderDue(Guid.NewGuid(), "sooner");
        var soonerDueAt = DateTime.UtcNow.AddSeconds(1.5);
        await host.SchedulePublish(soonerDueAt, sooner);

        var soonerDelivery = await deliveries.WaitFor<ReminderDue>(r => r.ReminderId == sooner.ReminderId, TimeSpan.FromSeconds(10), "the sooner reminder");
        var laterDelivery = await deliveries.WaitFor<ReminderDue>(r => r.ReminderId == later.ReminderId, TimeSpan.FromSeconds(10), "the later reminder");

        Assert.InRange(soonerDelivery.ReceivedAt, soonerDueAt, soonerDueAt.AddSeconds(1.5));
        Assert.InRange(laterDelivery.ReceivedAt, laterDueAt, laterDueAt.AddSeconds(1.5));
    }
}

using OpsBus.Scheduling.Tests.Infrastructure;
using OpsBus.Testing;

namespace OpsBus.Scheduling.Tests;

public sealed class When_a_message_is_scheduled_on_sqlite
{
    [Fact]
    public async Task Should_deliver_it_at_its_due_time()
    {
        await using var database = await TestDatabase.SqliteAsync();
        var deliveries = new Deliveries();
        await using var host = await SchedulerHost.StartAsync(database, deliveries);

        var reminder = new ReminderDue(Guid.NewGuid(), "embedded mode");
        var dueAt = DateTime.UtcNow.AddSeconds(2);
        var scheduled = await host.SchedulePublish(dueAt, reminder);

        var delivery = await deliveries.WaitFor<ReminderDue>(r => r.ReminderId == reminder.ReminderId, TimeSpan.FromSeconds(10), "the reminder");
        await Eventually.True(async () => await database.CountScheduledAsync() == 0, TimeSpan.FromSeconds(5), "the row deleted after sending");

        Assert.Equal(reminder, delivery.Message);
        Assert.Equal(scheduled.TokenId, delivery.SchedulingTokenId);
        Assert.InRange(delivery.ReceivedAt, dueAt, dueAt.AddSeconds(1.5));
    }
}

public sealed class When_the_database_is_unavailable
{
    [Fact]
    public async Task Should_back_off_and_deliver_once_it_returns()
    {
        await using var database = await TestDatabase.SqliteAsync(createSchema: false);
        var deliveries = new Deliveries();
        var logs = new CapturedLogs();
        await using var host = await SchedulerHost.StartAsync(database, deliveries, logs: logs, warmUp: false);

        await Eventually.True(() => Task.FromResult(logs.Lines.Any(l => l.Text.StartsWith("Scheduled message dispatch failed", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(10), "the dispatcher reporting the failure");

        await database.CreateSchemaAsync();
        var reminder = new ReminderDue(Guid.NewGuid(), "after the outage");
        await host.SchedulePublish(DateTime.UtcNow.AddSeconds(1), reminder);

        await deliveries.WaitFor<ReminderDue>(r => r.ReminderId == reminder.ReminderId, TimeSpan.FromSeconds(40), "the reminder");
    }
}

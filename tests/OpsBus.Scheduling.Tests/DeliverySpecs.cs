using Microsoft.Extensions.Logging;
using OpsBus.Scheduling.Tests.Infrastructure;
using OpsBus.Testing;

namespace OpsBus.Scheduling.Tests;

[Trait("Category", "Integration")]
public sealed class When_a_message_is_scheduled_on_postgres
{
    [Fact]
    public async Task Should_deliver_it_on_time_with_its_type_and_content_without_logging_the_body()
    {
        await using var database = await TestDatabase.PostgresAsync();
        var deliveries = new Deliveries();
        var logs = new CapturedLogs();
        await using var host = await SchedulerHost.StartAsync(database, deliveries, logs: logs);

        var reminder = new ReminderDue(Guid.NewGuid(), "secret-7f3a: rotate the keys");
        var dueAt = DateTime.UtcNow.AddSeconds(2);
        var scheduled = await host.SchedulePublish(dueAt, reminder);

        var delivery = await deliveries.WaitFor<ReminderDue>(r => r.ReminderId == reminder.ReminderId, TimeSpan.FromSeconds(10), "the reminder");

        Assert.Equal(reminder, delivery.Message);
        Assert.Contains("urn:message:OpsBus.Scheduling.Tests.Infrastructure:ReminderDue", delivery.MessageTypes);
        Assert.Equal(scheduled.TokenId, delivery.SchedulingTokenId);
        Assert.InRange(delivery.ReceivedAt, dueAt, dueAt.AddSeconds(1.5));
        await Eventually.True(async () => await database.CountScheduledAsync() == 0, TimeSpan.FromSeconds(5), "the row deleted after sending");
        Assert.Equal(TombstoneReason.Sent, await database.TombstoneAsync(scheduled.TokenId));

        var schedulerLines = logs.Lines.Where(l => l.Category.StartsWith("OpsBus.Scheduling", StringComparison.Ordinal)).ToList();
        Assert.Contains(schedulerLines, l => l.Level == LogLevel.Debug && l.Text.Contains(scheduled.TokenId.ToString()));
        Assert.DoesNotContain(logs.Lines, l => l.Text.Contains("secret-7f3a"));
    }
}

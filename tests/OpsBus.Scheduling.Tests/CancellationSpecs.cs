using MassTransit;
using MassTransit.Scheduling;
using OpsBus.Scheduling.Tests.Infrastructure;
using OpsBus.Testing;

namespace OpsBus.Scheduling.Tests;

[Trait("Category", "Integration")]
public sealed class When_a_scheduled_message_is_cancelled
{
    [Fact]
    public async Task Should_never_deliver_it()
    {
        await using var database = await TestDatabase.PostgresAsync();
        var deliveries = new Deliveries();
        await using var host = await SchedulerHost.StartAsync(database, deliveries);

        var cancelled = new ReminderDue(Guid.NewGuid(), "cancelled");
        var scheduled = await host.SchedulePublish(DateTime.UtcNow.AddSeconds(1.5), cancelled);
        await Eventually.True(async () => await database.CountScheduledAsync() == 1, TimeSpan.FromSeconds(5), "the message stored");

        await host.CancelScheduledPublish<ReminderDue>(scheduled.TokenId);
        await Eventually.True(async () => await database.CountScheduledAsync() == 0, TimeSpan.FromSeconds(5), "the row deleted by the cancel");

        // Scheduled after the cancelled one was due: once it arrives, the cancelled one would have arrived too.
        var sentinel = new ReminderDue(Guid.NewGuid(), "sentinel");
        await host.SchedulePublish(DateTime.UtcNow.AddSeconds(2.5), sentinel);
        await deliveries.WaitFor<ReminderDue>(r => r.ReminderId == sentinel.ReminderId, TimeSpan.FromSeconds(10), "the sentinel");

        Assert.Empty(deliveries.Of<ReminderDue>(r => r.ReminderId == cancelled.ReminderId));
        Assert.Equal(TombstoneReason.Cancelled, await database.TombstoneAsync(scheduled.TokenId));
    }
}

[Trait("Category", "Integration")]
public sealed class When_a_cancel_overtakes_its_schedule
{
    [Fact]
    public async Task Should_never_store_or_deliver_it()
    {
        await using var database = await TestDatabase.PostgresAsync();
        var deliveries = new Deliveries();
        await using var host = await SchedulerHost.StartAsync(database, deliveries);
        var tokenId = NewId.NextGuid();

        await host.Publish<CancelScheduledMessage>(new CancelScheduledMessageCommand(tokenId));
        await Eventually.True(async () => await database.TombstoneAsync(tokenId) == TombstoneReason.Cancelled, TimeSpan.FromSeconds(5), "the tombstone");

        var late = new ReminderDue(Guid.NewGuid(), "scheduled after its cancel");
        await host.Publish<ScheduleMessage>(ScheduleOf(host, late, DateTime.UtcNow.AddSeconds(1), tokenId));

        var sentinel = new ReminderDue(Guid.NewGuid(), "sentinel");
        await host.SchedulePublish(DateTime.UtcNow.AddSeconds(2), sentinel);
        await deliveries.WaitFor<ReminderDue>(r => r.ReminderId == sentinel.ReminderId, TimeSpan.FromSeconds(10), "the sentinel");

        Assert.Empty(deliveries.Of<ReminderDue>(r => r.ReminderId == late.ReminderId));
        // The sentinel's row goes only after its send, so it may still be there for a moment; the late one must never stay.
        await Eventually.True(async () => await database.CountScheduledAsync() == 0, TimeSpan.FromSeconds(5), "no message left stored");
    }

    /// <summary>The command the publish scheduler would publish, with a token of the test's choosing.</summary>
    internal static ScheduleMessage ScheduleOf(SchedulerHost host, ReminderDue reminder, DateTime dueAt, Guid tokenId) =>
        new ScheduleMessageCommand<ReminderDue>(dueAt, host.PublishAddressOf<ReminderDue>(), reminder, tokenId);
}

[Trait("Category", "Integration")]
public sealed class When_a_schedule_message_is_redelivered
{
    [Fact]
    public async Task Should_store_and_deliver_it_once()
    {
        await using var database = await TestDatabase.PostgresAsync();
        var deliveries = new Deliveries();
        await using var host = await SchedulerHost.StartAsync(database, deliveries);

        var reminder = new ReminderDue(Guid.NewGuid(), "redelivered");
        var schedule = When_a_cancel_overtakes_its_schedule.ScheduleOf(host, reminder, DateTime.UtcNow.AddSeconds(1.5), NewId.NextGuid());
        await Task.WhenAll(host.Publish(schedule), host.Publish(schedule), host.Publish(schedule));
        await deliveries.WaitFor<ReminderDue>(r => r.ReminderId == reminder.ReminderId, TimeSpan.FromSeconds(10), "the reminder");

        // Redelivered after it was sent: the Sent tombstone keeps it from going out again.
        await host.Publish(schedule);
        var sentinel = new ReminderDue(Guid.NewGuid(), "sentinel");
        await host.SchedulePublish(DateTime.UtcNow.AddSeconds(1), sentinel);
        await deliveries.WaitFor<ReminderDue>(r => r.ReminderId == sentinel.ReminderId, TimeSpan.FromSeconds(10), "the sentinel");

        Assert.Single(deliveries.Of<ReminderDue>(r => r.ReminderId == reminder.ReminderId));
        Assert.Equal(0, await database.CountScheduledAsync());
    }
}

/// <summary>
/// A redelivered <see cref="ScheduleMessage" /> that arrives after its message was sent stores the row again for a moment,
/// until it sees the Sent tombstone and deletes it; a dispatcher that finds the row due in that moment must not send it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class When_a_due_row_belongs_to_a_token_already_sent
{
    [Fact]
    public async Task Should_drop_it_instead_of_sending_it_again()
    {
        await using var database = await TestDatabase.PostgresAsync();
        var deliveries = new Deliveries();
        var reminder = new ReminderDue(Guid.NewGuid(), "sent already");
        var tokenId = NewId.NextGuid();
        await using var host = await SchedulerHost.StartAsync(database, deliveries);
        await host.Publish(When_a_cancel_overtakes_its_schedule.ScheduleOf(host, reminder, DateTime.UtcNow.AddSeconds(3), tokenId));
        await Eventually.True(() => database.IsScheduledAsync(tokenId), TimeSpan.FromSeconds(5), "the row stored");

        // As if it had been sent meanwhile and this row were a redelivery's, not yet checked against the tombstone.
        await using (var db = database.Open())
        {
            db.Add(new ScheduledMessageTombstone { TokenId = tokenId, Reason = TombstoneReason.Sent, RetiredAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        var sentinel = new ReminderDue(Guid.NewGuid(), "sentinel");
        await host.SchedulePublish(DateTime.UtcNow.AddSeconds(4), sentinel);
        await deliveries.WaitFor<ReminderDue>(r => r.ReminderId == sentinel.ReminderId, TimeSpan.FromSeconds(15), "the sentinel, due after the row");

        Assert.Empty(deliveries.Of<ReminderDue>(r => r.ReminderId == reminder.ReminderId));
        Assert.False(await database.IsScheduledAsync(tokenId));
    }
}

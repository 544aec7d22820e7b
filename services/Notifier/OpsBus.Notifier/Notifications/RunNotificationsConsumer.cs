using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpsBus.Contracts;
using OpsBus.Notifier.Notifications.Delivery;
using OpsBus.Notifier.Notifications.Payloads;
using OpsBus.Notifier.Notifications.Persistence;
using OpsBus.Notifier.Notifications.Rules;

namespace OpsBus.Notifier.Notifications;

/// <summary>
/// Turns a run's status change into one delivery per enabled channel whose rules match, rendered for that channel.
/// The deliveries are unique per (event, channel): a bus message delivered again, here or on another instance, adds
/// nothing. Posting is the <see cref="DeliveryDispatcher"/>'s job, so a failing channel never holds up this queue.
/// </summary>
public sealed class RunNotificationsConsumer(
    NotificationsDbContext db,
    IOptions<NotificationsOptions> options,
    DeliverySignal signal,
    TimeProvider clock) : IConsumer<RunStatusChanged>
{
    public async Task Consume(ConsumeContext<RunStatusChanged> context)
    {
        var change = context.Message;
        if (NotificationEvents.Classify(change) is not { } notificationEvent)
            return;

        var channels = (await db.Channels.AsNoTracking().Where(c => c.Enabled).ToListAsync(context.CancellationToken))
            .Where(c => ChannelRules.FromJson(c.RulesJson).Matches(notificationEvent, change))
            .ToList();
        if (channels.Count == 0)
            return;

        var eventKey = NotificationEvents.KeyOf(change, notificationEvent);
        try
        {
            await QueueAsync(channels, eventKey, notificationEvent, change, context.CancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another copy of this message queued some of them first (unique key): queue only what is still missing.
            db.ChangeTracker.Clear();
            await QueueAsync(channels, eventKey, notificationEvent, change, context.CancellationToken);
        }
        signal.Set();
    }

    private async Task QueueAsync(
        IReadOnlyList<ChannelRecord> channels, string eventKey, string notificationEvent, RunStatusChanged change, CancellationToken cancellationToken)
    {
        var queued = await db.Deliveries.Where(d => d.EventKey == eventKey).Select(d => d.ChannelId).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var channel in channels.Where(c => !queued.Contains(c.Id)))
        {
            var id = Guid.NewGuid();
            db.Deliveries.Add(new DeliveryRecord
            {
                Id = id,
                ChannelId = channel.Id,
                EventKey = eventKey,
                Event = notificationEvent,
                RunId = change.RunId,
                Payload = PayloadRenderer.Render(channel.Kind, id, notificationEvent, change, options.Value.UiBaseUrl),
                Status = DeliveryStatuses.Pending,
                NextAttemptAt = now,
                CreatedAt = now,
                UpdatedAt = now,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}

using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpsBus.Notifier.Notifications.Persistence;

namespace OpsBus.Notifier.Notifications.Delivery;

/// <summary>
/// Works through the deliveries outbox. Each channel has at most one post in flight, and at most
/// <see cref="NotificationsOptions.DeliveryConcurrency"/> are in flight overall, so a slow or failing channel holds up
/// only itself. A delivery is claimed by bumping its version and pushing its due time past the request timeout: another
/// instance skips it meanwhile, and takes it over if this one dies mid-post (at-least-once). A channel that answered
/// 429/503 with <c>Retry-After</c> is left alone until then, whichever of its deliveries is due.
/// </summary>
public sealed class DeliveryDispatcher(
    IServiceScopeFactory scopes,
    ChannelSender sender,
    DeliverySignal signal,
    IOptions<NotificationsOptions> options,
    TimeProvider clock,
    NotificationMetrics metrics,
    ILogger<DeliveryDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan ClaimMargin = TimeSpan.FromSeconds(30);
    private readonly NotificationsOptions _settings = options.Value;
    private readonly ConcurrentDictionary<Guid, Task> _inFlight = new();
    private readonly ConcurrentDictionary<Guid, DateTime> _pausedUntil = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await StartDueDeliveriesAsync(stoppingToken);
                await signal.WaitAsync(_settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Could not look for due notification deliveries; looking again in {Interval}", _settings.PollInterval);
                await signal.WaitAsync(_settings.PollInterval, CancellationToken.None);
            }
        }
        await Task.WhenAll(_inFlight.Values);
    }

    private async Task StartDueDeliveriesAsync(CancellationToken stopping)
    {
        var free = _settings.DeliveryConcurrency - _inFlight.Count;
        if (free <= 0)
            return;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (channel, until) in _pausedUntil)
            if (until <= now)
                _pausedUntil.TryRemove(channel, out _);
        var busy = _inFlight.Keys.Concat(_pausedUntil.Keys).ToList();

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var channels = await db.Deliveries
            .Where(d => d.Status == DeliveryStatuses.Pending && d.NextAttemptAt <= now && !busy.Contains(d.ChannelId))
            .Join(db.Channels.Where(c => c.Enabled), d => d.ChannelId, c => c.Id, (d, c) => d.ChannelId)
            .Distinct()
            .Take(free)
            .ToListAsync(stopping);

        foreach (var channelId in channels)
        {
            var due = await db.Deliveries.AsNoTracking()
                .Where(d => d.ChannelId == channelId && d.Status == DeliveryStatuses.Pending && d.NextAttemptAt <= now)
                .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.CreatedAt)
                .Select(d => new { d.Id, d.Version })
                .FirstOrDefaultAsync(stopping);
            if (due is null)
                continue;
            var claimedUntil = now + _settings.RequestTimeout + ClaimMargin;
            var claimed = await db.Deliveries
                .Where(d => d.Id == due.Id && d.Version == due.Version && d.Status == DeliveryStatuses.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Version, d => d.Version + 1).SetProperty(d => d.NextAttemptAt, claimedUntil), stopping);
            if (claimed == 1)
                Start(channelId, due.Id, due.Version + 1, stopping);
        }
    }

    private void Start(Guid channelId, Guid deliveryId, int version, CancellationToken stopping)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _inFlight[channelId] = done.Task;
        _ = Task.Run(async () =>
        {
            try
            {
                await DeliverAsync(channelId, deliveryId, version, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // Stopping mid-post: the claim lapses and the delivery is attempted again (at-least-once).
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Notification delivery {DeliveryId} could not be recorded; it is attempted again when its claim lapses", deliveryId);
            }
            finally
            {
                _inFlight.TryRemove(channelId, out _);
                done.SetResult();
                signal.Set();
            }
        }, CancellationToken.None);
    }

    private async Task DeliverAsync(Guid channelId, Guid deliveryId, int version, CancellationToken stopping)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var delivery = await db.Deliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deliveryId, stopping);
        var channel = await db.Channels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == channelId, stopping);
        if (delivery is null || channel is null)
            return;

        var outcome = await sender.SendAsync(channel, delivery.Id, delivery.Event, delivery.Payload, _settings.RequestTimeout, stopping);
        var now = clock.GetUtcNow().UtcDateTime;
        var attempts = delivery.Attempts + 1;
        var status = outcome.Result switch
        {
            DeliveryResult.Delivered => DeliveryStatuses.Delivered,
            DeliveryResult.Retry when attempts < _settings.MaxAttempts => DeliveryStatuses.Pending,
            _ => DeliveryStatuses.Dead,
        };
        var next = status == DeliveryStatuses.Pending ? now + RetrySchedule.Delay(attempts, outcome.RetryAfter, _settings, Random.Shared) : now;
        if (outcome.RetryAfter is not null && status == DeliveryStatuses.Pending)
            _pausedUntil[channelId] = next;
        DateTime? deliveredAt = status == DeliveryStatuses.Delivered ? now : null;
        var error = outcome.Error is { Length: > DeliveryOutcome.MaxErrorLength } full ? full[..DeliveryOutcome.MaxErrorLength] : outcome.Error;

        await db.Deliveries
            .Where(d => d.Id == deliveryId && d.Version == version)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, status)
                .SetProperty(d => d.Attempts, attempts)
                .SetProperty(d => d.NextAttemptAt, next)
                .SetProperty(d => d.LastError, error)
                .SetProperty(d => d.LastStatusCode, outcome.StatusCode)
                .SetProperty(d => d.UpdatedAt, now)
                .SetProperty(d => d.DeliveredAt, deliveredAt), CancellationToken.None);

        if (status == DeliveryStatuses.Delivered)
            metrics.Delivered(channel.Kind, delivery.Event);
        else
            metrics.Failed(channel.Kind, delivery.Event, status == DeliveryStatuses.Dead ? "dead" : "retry");

        if (status == DeliveryStatuses.Dead)
            logger.LogWarning("Notification {DeliveryId} ({Event}, run {RunId}) to channel {ChannelName} ({ChannelId}) is dead after {Attempts} attempt(s): {Error}",
                deliveryId, delivery.Event, delivery.RunId, channel.Name, channelId, attempts, error);
        else if (status == DeliveryStatuses.Pending)
            logger.LogInformation("Notification {DeliveryId} ({Event}, run {RunId}) to channel {ChannelName} ({ChannelId}) failed, attempt {Attempts} of {MaxAttempts}; next at {NextAttemptAt:O}: {Error}",
                deliveryId, delivery.Event, delivery.RunId, channel.Name, channelId, attempts, _settings.MaxAttempts, next, error);
    }
}

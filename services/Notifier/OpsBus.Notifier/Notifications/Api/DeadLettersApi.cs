using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using OpsBus.Notifier.Notifications.Delivery;
using OpsBus.Notifier.Notifications.Persistence;

namespace OpsBus.Notifier.Notifications.Api;

/// <summary>Deliveries given up on, newest first, for admins; each can be sent again from scratch (all its attempts).</summary>
public static class DeadLettersApi
{
    public const int MaxListed = 500;

    public static RouteGroupBuilder MapDeadLetters(this RouteGroupBuilder notifications)
    {
        var deadLetters = notifications.MapGroup("/dead-letters");
        deadLetters.MapGet("/", ListDeadLetters);
        deadLetters.MapPost("/{id}/retry", RetryDeadLetter);
        return deadLetters;
    }

    private static async Task<Ok<IReadOnlyList<DeadLetterResponse>>> ListDeadLetters(NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var dead = await db.Deliveries.AsNoTracking()
            .Where(d => d.Status == DeliveryStatuses.Dead)
            .Join(db.Channels, d => d.ChannelId, c => c.Id, (d, c) => new { Delivery = d, ChannelName = c.Name })
            .OrderByDescending(x => x.Delivery.UpdatedAt).ThenBy(x => x.Delivery.Id)
            .Take(MaxListed)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<DeadLetterResponse>>(dead.Select(x => DeadLetterResponse.From(x.Delivery, x.ChannelName)).ToList());
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> RetryDeadLetter(
        string id, NotificationsDbContext db, DeliverySignal signal, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var deliveryId))
            return ApiProblems.DeadLetterNotFound(id);
        var now = clock.GetUtcNow().UtcDateTime;
        var requeued = await db.Deliveries
            .Where(d => d.Id == deliveryId && d.Status == DeliveryStatuses.Dead)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DeliveryStatuses.Pending)
                .SetProperty(d => d.Attempts, 0)
                .SetProperty(d => d.NextAttemptAt, now)
                .SetProperty(d => d.UpdatedAt, now), cancellationToken);
        if (requeued == 0)
            return ApiProblems.DeadLetterNotFound(id);
        signal.Set();
        return TypedResults.Accepted((string?)null);
    }
}

using OpsBus.Notifier.Notifications.Persistence;

namespace OpsBus.Notifier.Notifications.Api;

/// <summary>A delivery given up on: to which channel, what for, how often it was tried and how the last attempt ended.</summary>
public sealed record DeadLetterResponse(
    Guid Id,
    Guid ChannelId,
    string ChannelName,
    string Event,
    Guid RunId,
    int Attempts,
    int? LastStatusCode,
    string? LastError,
    DateTime CreatedAt,
    DateTime FailedAt)
{
    public static DeadLetterResponse From(DeliveryRecord delivery, string channelName) => new(
        delivery.Id, delivery.ChannelId, channelName, delivery.Event, delivery.RunId, delivery.Attempts,
        delivery.LastStatusCode, delivery.LastError, delivery.CreatedAt, delivery.UpdatedAt);
}

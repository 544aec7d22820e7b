namespace OpsBus.Notifier.Notifications.Delivery;

/// <summary>How one post to a channel went.</summary>
/// <param name="Result">Delivered, worth another attempt, or refused for good.</param>
/// <param name="StatusCode">The receiver's HTTP status, null when none came back (network error, timeout).</param>
/// <param name="Error">What went wrong, for the dead letter; never contains the channel's URL.</param>
/// <param name="RetryAfter">How long the receiver asked to wait (<c>Retry-After</c>), if it did.</param>
public sealed record DeliveryOutcome(DeliveryResult Result, int? StatusCode, string? Error, TimeSpan? RetryAfter = null)
{
    public const int MaxErrorLength = 1000;

    public static DeliveryOutcome Delivered(int statusCode) => new(DeliveryResult.Delivered, statusCode, null);
}

public enum DeliveryResult
{
    Delivered,

    /// <summary>429, 408, 5xx, a network error or a timeout: tried again later.</summary>
    Retry,

    /// <summary>Any other 4xx: the receiver will not take it, however often it is sent.</summary>
    Refused,
}

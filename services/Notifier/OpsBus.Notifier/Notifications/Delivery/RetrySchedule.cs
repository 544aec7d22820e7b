namespace OpsBus.Notifier.Notifications.Delivery;

/// <summary>When a failed delivery is tried again.</summary>
public static class RetrySchedule
{
    /// <summary>
    /// What the receiver asked for (<c>Retry-After</c>, up to <see cref="NotificationsOptions.MaxRetryAfter"/>), else
    /// exponential backoff from <see cref="NotificationsOptions.BackoffBase"/> capped at
    /// <see cref="NotificationsOptions.BackoffCap"/>, of which a random half is taken off so channels that failed together do
    /// not come back together.
    /// </summary>
    public static TimeSpan Delay(int failedAttempts, TimeSpan? retryAfter, NotificationsOptions options, Random random)
    {
        if (retryAfter is { } asked)
            return asked > options.MaxRetryAfter ? options.MaxRetryAfter : asked;
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var backoff = Math.Min(options.BackoffBase.Ticks * Math.Pow(2, exponent), options.BackoffCap.Ticks);
        return TimeSpan.FromTicks((long)(backoff * (0.5 + random.NextDouble() * 0.5)));
    }
}

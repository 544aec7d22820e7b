namespace OpsBus.Notifier.Notifications;

/// <summary>Outbound notifications (Slack, Discord, webhooks). Bound from <c>Notifier:Notifications</c> (<c>Notifier__Notifications__X</c> in compose).</summary>
public sealed class NotificationsOptions
{
    public const string SectionName = $"{NotifierOptions.SectionName}:Notifications";

    /// <summary><c>Sqlite</c> (embedded) or <c>Postgres</c> (distributed): where channels and deliveries live.</summary>
    public NotificationsDatabase Database { get; set; } = NotificationsDatabase.Sqlite;

    public string ConnectionString { get; set; } = "Data Source=notifier.db";

    /// <summary>The web UI's root, e.g. <c>https://opsbus.example.com/</c>; messages link to <c>{UiBaseUrl}runs/{id}</c>. No link when unset.</summary>
    public Uri? UiBaseUrl { get; set; }

    /// <summary>Attempts per delivery, the first included; after the last one the delivery is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; doubled after each further one, up to <see cref="BackoffCap"/>, with jitter.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan BackoffCap { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest <c>Retry-After</c> honoured as given; a longer one is cut to this.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Posts in flight at once, over all channels; each channel has at most one.</summary>
    public int DeliveryConcurrency { get; set; } = 8;

    /// <summary>How long one post may take before it counts as a failed attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the dispatcher looks for deliveries that fell due (new ones wake it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether channel URLs may be plain <c>http</c> (tests, a receiver on a private network); otherwise only <c>https</c>.</summary>
    public bool AllowHttpUrls { get; set; }

    /// <summary>Why these options cannot work, or null when they can.</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
            return $"{SectionName}:ConnectionString is required.";
        if (UiBaseUrl is { } ui && (!ui.IsAbsoluteUri || (ui.Scheme != Uri.UriSchemeHttp && ui.Scheme != Uri.UriSchemeHttps)))
            return $"{SectionName}:UiBaseUrl must be an absolute http(s) URL.";
        if (MaxAttempts is < 1 or > 100)
            return $"{SectionName}:MaxAttempts must be between 1 and 100.";
        if (BackoffBase <= TimeSpan.Zero || BackoffCap < BackoffBase)
            return $"{SectionName}:BackoffBase must be positive and BackoffCap at least BackoffBase.";
        if (MaxRetryAfter < TimeSpan.Zero)
            return $"{SectionName}:MaxRetryAfter must not be negative.";
        if (DeliveryConcurrency is < 1 or > 256)
            return $"{SectionName}:DeliveryConcurrency must be between 1 and 256.";
        if (RequestTimeout <= TimeSpan.Zero || PollInterval <= TimeSpan.Zero)
            return $"{SectionName}:RequestTimeout and PollInterval must be positive.";
        return null;
    }
}

public enum NotificationsDatabase
{
    Sqlite,
    Postgres,
}

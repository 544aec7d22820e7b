namespace OpsBus.Notifier.Notifications.Persistence;

/// <summary>
/// One run event to post to one channel: the outbox row the dispatcher works through. Unique per
/// (<see cref="EventKey"/>, <see cref="ChannelId"/>), so a redelivered bus message adds nothing. The body is rendered
/// once, when the event arrives, so every attempt posts the same bytes.
/// </summary>
public sealed class DeliveryRecord
{
    /// <summary>Also the <c>X-OpsBus-Delivery</c> header: stable across attempts so receivers can dedupe too.</summary>
    public Guid Id { get; set; }

    public Guid ChannelId { get; set; }

    /// <summary>The run, its status-change sequence and the event: one key per event whichever bus message carried it.</summary>
    public string EventKey { get; set; } = "";

    /// <summary>One of <see cref="Rules.NotificationEvents"/>.</summary>
    public string Event { get; set; } = "";

    public Guid RunId { get; set; }

    public string Payload { get; set; } = "";

    /// <summary>One of <see cref="DeliveryStatuses"/>.</summary>
    public string Status { get; set; } = DeliveryStatuses.Pending;

    public int Attempts { get; set; }

    /// <summary>Bumped by each claim: a dispatcher owns the attempt only if its claim changed the version it read.</summary>
    public int Version { get; set; }

    /// <summary>When a pending delivery is next due; while an attempt is in flight, when its claim lapses.</summary>
    public DateTime NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    public int? LastStatusCode { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? DeliveredAt { get; set; }
}

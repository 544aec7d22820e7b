namespace OpsBus.Scheduling;

/// <summary>
/// A message waiting in the service's own database until it is due (table <c>scheduled_messages</c>).
/// The body is the serialized envelope exactly as MassTransit will put it back on the wire.
/// </summary>
public sealed class ScheduledMessage
{
    /// <summary>The scheduling token (the <c>ScheduleMessage</c> correlation id, the id a saga keeps to cancel or match it).</summary>
    public Guid TokenId { get; set; }

    public string DestinationAddress { get; set; } = "";

    /// <summary>UTC.</summary>
    public DateTime DueAt { get; set; }

    /// <summary>Message type URNs, <c>;</c>-separated, so the receiver deserializes the right contract.</summary>
    public string MessageTypes { get; set; } = "";

    public string ContentType { get; set; } = "";

    public byte[] Body { get; set; } = [];

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>The dispatcher instance that claimed the row, while it forwards it.</summary>
    public string? LockOwner { get; set; }

    /// <summary>UTC; the claim is void after this, so another dispatcher can take the row over.</summary>
    public DateTime? LockedUntil { get; set; }
}

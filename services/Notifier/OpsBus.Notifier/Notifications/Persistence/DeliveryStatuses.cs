namespace OpsBus.Notifier.Notifications.Persistence;

/// <summary>Where a delivery stands.</summary>
public static class DeliveryStatuses
{
    /// <summary>Not delivered yet; due at its next attempt time.</summary>
    public const string Pending = "pending";

    public const string Delivered = "delivered";

    /// <summary>Given up: the last attempt failed, or the receiver refused it for good. A dead letter, retried only by an admin.</summary>
    public const string Dead = "dead";
}

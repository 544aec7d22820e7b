namespace OpsBus.Notifier.Notifications.Api;

/// <summary>How a channel's test message went (sent once, not retried).</summary>
public sealed record TestMessageResponse(bool Delivered, int? StatusCode, string? Error);

using System.Diagnostics.Metrics;

namespace OpsBus.Notifier.Notifications.Delivery;

/// <summary>
/// The <c>OpsBus.Notifier</c> meter: every post to a channel, by channel kind (slack, discord, webhook) and event.
/// Channel names and URLs are never tags: a webhook URL is its credential.
/// </summary>
public sealed class NotificationMetrics
{
    public const string MeterName = "OpsBus.Notifier";

    private readonly Counter<long> _sent;
    private readonly Counter<long> _failed;

    public NotificationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _sent = meter.CreateCounter<long>("opsbus.notifications.sent", "{notification}",
            "Notifications a channel accepted (2xx), by channel kind and event.");
        _failed = meter.CreateCounter<long>("opsbus.notifications.failed", "{attempt}",
            "Failed posts to a channel, by channel kind, event and outcome: retry (tried again later) or dead (dead letter, needs an operator).");
    }

    public void Delivered(string kind, string @event) =>
        _sent.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("event", @event));

    public void Failed(string kind, string @event, string outcome) =>
        _failed.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("event", @event),
            new KeyValuePair<string, object?>("outcome", outcome));
}

using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OpsBus.Notifier.Notifications.Delivery;
using OpsBus.Notifier.Notifications.Persistence;
using OpsBus.Testing.Telemetry;

namespace OpsBus.Notifier.Tests.Notifications;

public sealed class When_a_post_fails_once_and_then_goes_through
{
    [Fact]
    public async Task Should_count_one_failed_attempt_to_retry_and_one_sent_notification_by_channel_kind()
    {
        await using var receivers = await Receivers.StartAsync();
        await using var host = await NotificationsHost.StartAsync(new Dictionary<string, string?> { ["Notifier:Notifications:MaxAttempts"] = "3" });
        using var measured = new RecordedMeasurements(host.Services.GetRequiredService<IMeterFactory>(), NotificationMetrics.MeterName);
        var channel = await host.CreateChannelAsync(new { name = "ops", kind = "slack", url = receivers.Url("slack/T/B/X"), events = new[] { "failed" } });
        receivers.Server.Fail(502, times: 1, path: "/slack/");

        await host.PublishAndWait(new RunChanges().Failed());
        await host.DeliveryAsync(channel.Id, d => d.Status == DeliveryStatuses.Delivered, "the delivery to go through on its second attempt");

        var failed = Assert.Single(measured.Of("opsbus.notifications.failed"));
        Assert.Equal((1, "slack", "failed", "retry"), (failed.Value, failed.Tag("kind"), failed.Tag("event"), failed.Tag("outcome")));
        var sent = Assert.Single(measured.Of("opsbus.notifications.sent"));
        Assert.Equal((1, "slack", "failed"), (sent.Value, sent.Tag("kind"), sent.Tag("event")));
    }
}

public sealed class When_a_channel_refuses_a_post
{
    [Fact]
    public async Task Should_count_it_as_failed_and_dead()
    {
        await using var receivers = await Receivers.StartAsync();
        await using var host = await NotificationsHost.StartAsync();
        using var measured = new RecordedMeasurements(host.Services.GetRequiredService<IMeterFactory>(), NotificationMetrics.MeterName);
        var channel = await host.CreateChannelAsync(new { name = "hooks", kind = "webhook", url = receivers.Url("hook"), events = new[] { "failed" } });
        receivers.Server.Fail(404, times: 1, path: "/hook");

        await host.PublishAndWait(new RunChanges().Failed());
        await host.DeliveryAsync(channel.Id, d => d.Status == DeliveryStatuses.Dead, "the refused delivery to be dead-lettered");

        var failed = Assert.Single(measured.Of("opsbus.notifications.failed"));
        Assert.Equal(("webhook", "dead"), (failed.Tag("kind"), failed.Tag("outcome")));
        Assert.Empty(measured.Of("opsbus.notifications.sent"));
    }
}

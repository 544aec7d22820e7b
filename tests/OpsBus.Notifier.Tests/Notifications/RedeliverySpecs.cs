using OpsBus.Notifier.Notifications.Persistence;

namespace OpsBus.Notifier.Tests.Notifications;

public sealed class When_the_bus_delivers_a_status_change_again
{
    [Fact]
    public async Task Should_not_post_it_twice()
    {
        await using var receivers = await Receivers.StartAsync();
        await using var host = await NotificationsHost.StartAsync();
        var slack = await host.CreateChannelAsync(new { name = "ops", kind = "slack", url = receivers.Url("slack/T/B/X"), events = new[] { "failed" } });
        var hook = await host.CreateChannelAsync(new { name = "audit", kind = "webhook", url = receivers.Url("hook/x"), events = new[] { "failed" } });
        receivers.WebhookSecret = hook.SigningSecret;
        var failed = new RunChanges().Failed();

        await host.PublishAndWait(failed);
        await host.DeliveryAsync(slack.Id, d => d.Status == DeliveryStatuses.Delivered, "the Slack post");
        await host.DeliveryAsync(hook.Id, d => d.Status == DeliveryStatuses.Delivered, "the webhook post");
        await host.PublishAndWait(failed);
        await host.PublishAndWait(failed with { Timestamp = failed.Timestamp.AddMilliseconds(1) });

        Assert.Equal(2, (await host.DeliveriesAsync()).Count);
        Assert.Single(receivers.Server.RequestsTo("/slack/"));
        Assert.Single(receivers.Server.RequestsTo("/hook/"));
    }
}

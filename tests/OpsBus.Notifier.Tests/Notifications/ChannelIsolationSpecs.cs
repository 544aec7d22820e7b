using OpsBus.Testing;
using OpsBus.Notifier.Notifications.Persistence;

namespace OpsBus.Notifier.Tests.Notifications;

public sealed class When_one_channel_hangs
{
    [Fact]
    public async Task Should_deliver_to_the_other_channels_meanwhile()
    {
        await using var receivers = await Receivers.StartAsync();
        await using var host = await NotificationsHost.StartAsync(new Dictionary<string, string?> { ["Notifier:Notifications:RequestTimeout"] = "00:02:00" });
        var stuck = await host.CreateChannelAsync(new { name = "stuck", kind = "slack", url = receivers.Url("slack/stuck"), events = new[] { "failed" } });
        var healthy = await host.CreateChannelAsync(new { name = "healthy", kind = "discord", url = receivers.Url("discord/healthy"), events = new[] { "failed" } });
        receivers.Server.Hold("/slack/stuck");

        var run = new RunChanges();
        await host.PublishAndWait(run.Failed());
        await receivers.Server.Held.WaitAsync(TimeSpan.FromSeconds(10));
        await host.PublishAndWait(new RunChanges().Failed());

        await Eventually.True(async () => (await host.DeliveriesAsync()).Count(d => d.ChannelId == healthy.Id && d.Status == DeliveryStatuses.Delivered) == 2,
            TimeSpan.FromSeconds(10), "both posts to the healthy channel while the other one hangs");
        var stuckDeliveries = (await host.DeliveriesAsync()).Where(d => d.ChannelId == stuck.Id).ToList();
        Assert.Equal(2, stuckDeliveries.Count);
        Assert.All(stuckDeliveries, d => Assert.Equal(DeliveryStatuses.Pending, d.Status));
        Assert.Single(receivers.Server.RequestsTo("/slack/stuck"));
    }
}

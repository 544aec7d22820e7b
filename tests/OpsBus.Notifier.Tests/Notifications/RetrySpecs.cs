using OpsBus.Notifier.Notifications.Persistence;

namespace OpsBus.Notifier.Tests.Notifications;

public sealed class When_the_receiver_answers_429_with_retry_after
{
    [Fact]
    public async Task Should_wait_as_long_as_asked_then_post_once_more()
    {
        await using var receivers = await Receivers.StartAsync();
        await using var host = await NotificationsHost.StartAsync();
        var channel = await host.CreateChannelAsync(new { name = "ops", kind = "slack", url = receivers.Url("slack/T/B/X"), events = new[] { "failed" } });
        receivers.Server.Fail(429, times: 1, path: "/slack/", retryAfterSeconds: 120);

        await host.PublishAndWait(new RunChanges().Failed());
        var waiting = await host.DeliveryAsync(channel.Id, d => d.Attempts == 1, "the first attempt to be recorded");

        Assert.Equal(DeliveryStatuses.Pending, waiting.Status);
        Assert.Equal(429, waiting.LastStatusCode);
        Assert.Equal(TimeSpan.FromSeconds(120), waiting.NextAttemptAt - waiting.UpdatedAt);
        Assert.Single(receivers.Server.RequestsTo("/slack/"));

        host.Clock.Advance(TimeSpan.FromSeconds(120));
        var delivered = await host.DeliveryAsync(channel.Id, d => d.Status == DeliveryStatuses.Delivered, "the post after Retry-After");

        Assert.Equal(2, delivered.Attempts);
        Assert.True(delivered.DeliveredAt >= waiting.NextAttemptAt);
        Assert.Equal(2, receivers.Server.RequestsTo("/slack/").Count);
    }
}

public sealed class When_the_receiver_fails_with_5xx_then_recovers
{
    [Fact]
    public async Task Should_retry_with_backoff_and_post_successfully_exactly_once()
    {
        await using var receivers = await Receivers.StartAsync();
        await using var host = await NotificationsHost.StartAsync();
        var channel = await host.CreateChannelAsync(new { name = "dev", kind = "discord", url = receivers.Url("discord/api/webhooks/1/abc"), events = new[] { "failed" } });
        receivers.Server.Fail(500, times: 1, path: "/discord/");
        receivers.Server.Fail(503, times: 1, path: "/discord/");

        await host.PublishAndWait(new RunChanges().Failed());
        var delivered = await host.DeliveryAsync(channel.Id, d => d.Status == DeliveryStatuses.Delivered, "the post after two failures");

        Assert.Equal(3, delivered.Attempts);
        var posts = receivers.Server.RequestsTo("/discord/");
        Assert.Equal(3, posts.Count);
        Assert.Single(posts.Select(p => p.Body).Distinct());
    }
}

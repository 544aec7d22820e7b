using System.Net;
using System.Net.Http.Json;
using OpsBus.Notifier.Notifications.Api;
using OpsBus.Notifier.Notifications.Persistence;

namespace OpsBus.Notifier.Tests.Notifications;

public sealed class When_every_attempt_fails
{
    [Fact]
    public async Task Should_dead_letter_after_max_attempts_show_it_to_admins_and_deliver_it_when_retried()
    {
        await using var receivers = await Receivers.StartAsync();
        await using var host = await NotificationsHost.StartAsync(new Dictionary<string, string?> { ["Notifier:Notifications:MaxAttempts"] = "3" });
        var channel = await host.CreateChannelAsync(new { name = "ops", kind = "slack", url = receivers.Url("slack/T/B/X"), events = new[] { "failed" } });
        receivers.Server.Fail(502, times: 3, path: "/slack/");
        var run = new RunChanges();

        await host.PublishAndWait(run.Failed());
        var dead = await host.DeliveryAsync(channel.Id, d => d.Status == DeliveryStatuses.Dead, "the delivery to be dead-lettered");

        Assert.Equal(3, dead.Attempts);
        Assert.Equal(3, receivers.Server.RequestsTo("/slack/").Count);
        var letters = await host.Admin.GetFromJsonAsync<List<DeadLetterResponse>>("api/notifications/dead-letters");
        var letter = Assert.Single(letters!);
        Assert.Equal((dead.Id, channel.Id, "ops", "failed", run.RunId, 3, (int?)502), (letter.Id, letter.ChannelId, letter.ChannelName, letter.Event, letter.RunId, letter.Attempts, letter.LastStatusCode));
        Assert.StartsWith("HTTP 502", letter.LastError);
        Assert.DoesNotContain("/slack/T/B/X", letter.LastError);

        var retry = await host.Admin.PostAsync($"api/notifications/dead-letters/{dead.Id}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var delivered = await host.DeliveryAsync(channel.Id, d => d.Status == DeliveryStatuses.Delivered, "the retried dead letter to be delivered");
        Assert.Equal(1, delivered.Attempts);
        Assert.Empty((await host.Admin.GetFromJsonAsync<List<DeadLetterResponse>>("api/notifications/dead-letters"))!);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Admin.PostAsync($"api/notifications/dead-letters/{dead.Id}/retry", null)).StatusCode);
    }
}

public sealed class When_the_receiver_refuses_the_post
{
    [Fact]
    public async Task Should_dead_letter_it_after_one_attempt()
    {
        await using var receivers = await Receivers.StartAsync();
        await using var host = await NotificationsHost.StartAsync();
        var channel = await host.CreateChannelAsync(new { name = "ops", kind = "slack", url = receivers.Url("slack/T/B/X"), events = new[] { "failed" } });
        receivers.Server.Fail(404, times: 1, path: "/slack/");

        await host.PublishAndWait(new RunChanges().Failed());
        var dead = await host.DeliveryAsync(channel.Id, d => d.Status == DeliveryStatuses.Dead, "the refused delivery to be dead-lettered");

        Assert.Equal((1, (int?)404), (dead.Attempts, dead.LastStatusCode));
        Assert.Single(receivers.Server.RequestsTo("/slack/"));
    }
}

using System.Net.Http.Json;
using OpsBus.Notifier.Notifications.Api;
using OpsBus.Notifier.Notifications.Persistence;
using OpsBus.Testing;

namespace OpsBus.Notifier.Tests.Notifications;

/// <summary>Channels and deliveries on real PostgreSQL, with its own migrations.</summary>
[Trait("Category", "Integration")]
public sealed class When_notifications_are_stored_in_postgresql
{
    [Fact]
    public async Task Should_deliver_once_per_event_retry_and_dead_letter()
    {
        await using var database = await TestPostgres.CreateAsync();
        await using var receivers = await Receivers.StartAsync();
        await using var host = await NotificationsHost.StartAsync(new Dictionary<string, string?>
        {
            ["Notifier:Notifications:Database"] = "Postgres",
            ["Notifier:Notifications:ConnectionString"] = database.ConnectionString,
            ["Notifier:Notifications:MaxAttempts"] = "2",
        });
        var hook = await host.CreateChannelAsync(new { name = "audit", kind = "webhook", url = receivers.Url("hook/pg"), events = new[] { "failed" } });
        var slack = await host.CreateChannelAsync(new { name = "ops", kind = "slack", url = receivers.Url("slack/pg"), events = new[] { "failed" } });
        receivers.WebhookSecret = hook.SigningSecret;
        receivers.Server.Fail(500, times: 1, path: "/hook/");
        receivers.Server.Fail(500, times: 2, path: "/slack/");
        var failed = new RunChanges().Failed();

        await host.PublishAndWait(failed);
        await host.PublishAndWait(failed);
        var delivered = await host.DeliveryAsync(hook.Id, d => d.Status == DeliveryStatuses.Delivered, "the webhook post after one 500");
        var dead = await host.DeliveryAsync(slack.Id, d => d.Status == DeliveryStatuses.Dead, "the Slack post to be dead-lettered");

        Assert.Equal((2, 2), (delivered.Attempts, dead.Attempts));
        Assert.Equal(2, (await host.DeliveriesAsync()).Count);
        Assert.Equal(2, receivers.Server.RequestsTo("/hook/").Count);
        Assert.Equal(dead.Id, Assert.Single((await host.Admin.GetFromJsonAsync<List<DeadLetterResponse>>("api/notifications/dead-letters"))!).Id);
    }
}

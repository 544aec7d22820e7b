using OpsBus.Testing;
using OpsBus.Contracts;
using OpsBus.Notifier.Notifications.Persistence;
using OpsBus.Notifier.Notifications.Rules;

namespace OpsBus.Notifier.Tests.Notifications;

public sealed class When_a_status_change_is_classified
{
    [Theory]
    [InlineData(RunStatuses.Failed, RunStatuses.Running, null, NotificationEvents.Failed)]
    [InlineData(RunStatuses.Succeeded, RunStatuses.Running, null, NotificationEvents.Succeeded)]
    [InlineData(RunStatuses.Cancelled, RunStatuses.Cancelling, null, NotificationEvents.Cancelled)]
    [InlineData(RunStatuses.AwaitingApproval, null, null, NotificationEvents.AwaitingApproval)]
    [InlineData(RunStatuses.Queued, RunStatuses.Running, RequeueReasons.WorkerLost, NotificationEvents.Recovered)]
    [InlineData(RunStatuses.Queued, RunStatuses.Claimed, RequeueReasons.WorkerLost, NotificationEvents.Recovered)]
    [InlineData(RunStatuses.Queued, RunStatuses.Running, RequeueReasons.Released, null)]
    [InlineData(RunStatuses.Queued, RunStatuses.Running, RequeueReasons.Retry, null)]
    [InlineData(RunStatuses.Queued, null, null, null)]
    [InlineData(RunStatuses.Queued, RunStatuses.AwaitingApproval, null, null)]
    [InlineData(RunStatuses.Running, RunStatuses.Claimed, null, null)]
    [InlineData(RunStatuses.Rejected, RunStatuses.AwaitingApproval, null, null)]
    public void Should_name_the_event_it_is(string status, string? previous, string? reason, string? expected) =>
        Assert.Equal(expected, NotificationEvents.Classify(new RunChanges().Next(status, previous, reason: reason)));
}

public sealed class When_a_channel_filters_runs
{
    private static readonly ChannelRules Rules = new([NotificationEvents.Failed], ["production"], ["deploy-api", "rollback"], []);

    [Fact]
    public void Should_take_only_its_events_environments_and_templates()
    {
        Assert.True(Rules.Matches(NotificationEvents.Failed, new RunChanges("deploy-api", "production").Failed()));
        Assert.True(Rules.Matches(NotificationEvents.Failed, new RunChanges("rollback", "production").Failed()));
        Assert.False(Rules.Matches(NotificationEvents.Succeeded, new RunChanges("deploy-api", "production").Succeeded()));
        Assert.False(Rules.Matches(NotificationEvents.Failed, new RunChanges("deploy-api", "staging").Failed()));
        Assert.False(Rules.Matches(NotificationEvents.Failed, new RunChanges("migrate-db", "production").Failed()));
        Assert.False(Rules.Matches(NotificationEvents.Failed, new RunChanges(null, "production").Failed()));
    }

    [Fact]
    public void Should_take_only_runs_of_its_sessions_when_it_names_some()
    {
        var rules = new ChannelRules([NotificationEvents.Succeeded], [], [], ["s-1"]);
        Assert.True(rules.Matches(NotificationEvents.Succeeded, new RunChanges(sessionId: "s-1").Succeeded()));
        Assert.False(rules.Matches(NotificationEvents.Succeeded, new RunChanges(sessionId: "s-2").Succeeded()));
        Assert.False(rules.Matches(NotificationEvents.Succeeded, new RunChanges().Succeeded()));
    }
}

public sealed class When_runs_end_with_channels_of_different_rules
{
    [Fact]
    public async Task Should_queue_each_event_only_for_the_enabled_channels_whose_rules_match()
    {
        await using var receivers = await Receivers.StartAsync();
        await using var host = await NotificationsHost.StartAsync();
        var production = await host.CreateChannelAsync(new { name = "prod", kind = "slack", url = receivers.Url("slack/prod"), events = new[] { "failed", "recovered" }, environments = new[] { "production" } });
        var session = await host.CreateChannelAsync(new { name = "session", kind = "slack", url = receivers.Url("slack/session"), events = new[] { "succeeded" }, sessions = new[] { "s-1" } });
        var disabled = await host.CreateChannelAsync(new { name = "off", kind = "slack", url = receivers.Url("slack/off"), events = new[] { "failed", "succeeded" }, enabled = false });

        var prodRun = new RunChanges("deploy-api", "production");
        await host.PublishAndWait(prodRun.Next(RunStatuses.Queued, RunStatuses.Running, attempt: 2, error: "Worker w-1 lost (no heartbeat for 30 s).", reason: RequeueReasons.WorkerLost));
        await host.PublishAndWait(prodRun.Failed());
        await host.PublishAndWait(new RunChanges("deploy-api", "staging").Failed());
        await host.PublishAndWait(new RunChanges(sessionId: "s-1").Succeeded());
        await host.PublishAndWait(new RunChanges(sessionId: "s-2").Succeeded());

        var deliveries = await host.DeliveriesAsync();
        Assert.Equal(["recovered", "failed"], deliveries.Where(d => d.ChannelId == production.Id).Select(d => d.Event));
        Assert.Equal(["succeeded"], deliveries.Where(d => d.ChannelId == session.Id).Select(d => d.Event));
        Assert.DoesNotContain(deliveries, d => d.ChannelId == disabled.Id);
        await Eventually.True(async () => (await host.DeliveriesAsync()).All(d => d.Status == DeliveryStatuses.Delivered), TimeSpan.FromSeconds(10), "all three posts");
        Assert.Contains("recovered after losing its worker", receivers.Server.RequestsTo("/slack/prod")[0].Body);
        Assert.Empty(receivers.Server.RequestsTo("/slack/off"));
    }
}

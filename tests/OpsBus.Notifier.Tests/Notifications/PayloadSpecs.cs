using System.Text.Json;
using OpsBus.Contracts;
using OpsBus.Notifier.Notifications.Persistence;

namespace OpsBus.Notifier.Tests.Notifications;

public sealed class When_a_run_fails_and_a_slack_channel_listens
{
    [Fact]
    public async Task Should_post_block_kit_with_a_red_attachment_the_facts_and_a_link_to_the_run()
    {
        await using var receivers = await Receivers.StartAsync();
        await using var host = await NotificationsHost.StartAsync();
        var channel = await host.CreateChannelAsync(new { name = "ops", kind = "slack", url = receivers.Url("slack/T000/B000/XXXX"), events = new[] { "failed" } });
        var run = new RunChanges();

        await host.PublishAndWait(run.Failed("exit code 1 <script>"));
        await host.DeliveryAsync(channel.Id, d => d.Status == DeliveryStatuses.Delivered, "the Slack post to be delivered");

        var post = Assert.Single(receivers.Server.RequestsTo("/slack/"));
        Assert.Equal("/slack/T000/B000/XXXX", post.Path);
        Assert.StartsWith("application/json", post.Headers["Content-Type"]);
        var message = JsonDocument.Parse(post.Body).RootElement;
        Assert.Equal("Run failed: deploy-api", message.GetProperty("text").GetString());
        var attachment = Assert.Single(message.GetProperty("attachments").EnumerateArray());
        Assert.Equal("#e01e5a", attachment.GetProperty("color").GetString());
        var blocks = attachment.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal(["header", "section", "section", "context"], blocks.Select(b => b.GetProperty("type").GetString()));
        Assert.Equal("plain_text", blocks[0].GetProperty("text").GetProperty("type").GetString());
        var fields = blocks[1].GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("text").GetString()).ToList();
        var link = $"https://opsbus.example.com/runs/{run.RunId}";
        Assert.Contains($"*Run*\n<{link}|{run.RunId}>", fields);
        Assert.Contains("*Status*\nfailed", fields);
        Assert.Contains("*Template*\ndeploy-api v4", fields);
        Assert.Contains("*Environment*\nproduction", fields);
        Assert.Contains("*Requested by*\nalice", fields);
        Assert.Contains("*Duration*\n1m 35s", fields);
        Assert.Equal("*Error*\n```exit code 1 &lt;script&gt;```", blocks[2].GetProperty("text").GetProperty("text").GetString());
        Assert.Contains(link, blocks[3].GetProperty("elements")[0].GetProperty("text").GetString());
        Assert.False(post.Headers.ContainsKey("X-OpsBus-Signature-256"));
    }
}

public sealed class When_a_run_succeeds_and_a_discord_channel_listens
{
    [Fact]
    public async Task Should_post_an_embed_with_a_green_colour_fields_the_run_link_and_its_time()
    {
        await using var receivers = await Receivers.StartAsync();
        await using var host = await NotificationsHost.StartAsync();
        var channel = await host.CreateChannelAsync(new { name = "dev", kind = "discord", url = receivers.Url("discord/api/webhooks/1/abc"), events = new[] { "succeeded" } });
        var run = new RunChanges();

        var succeeded = run.Succeeded();
        await host.PublishAndWait(succeeded);
        await host.DeliveryAsync(channel.Id, d => d.Status == DeliveryStatuses.Delivered, "the Discord post to be delivered");

        var message = JsonDocument.Parse(Assert.Single(receivers.Server.RequestsTo("/discord/")).Body).RootElement;
        Assert.Equal("OpsBus", message.GetProperty("username").GetString());
        var embed = Assert.Single(message.GetProperty("embeds").EnumerateArray());
        Assert.Equal("Run succeeded: deploy-api", embed.GetProperty("title").GetString());
        Assert.Equal(0x2EB67D, embed.GetProperty("color").GetInt32());
        Assert.Equal($"https://opsbus.example.com/runs/{run.RunId}", embed.GetProperty("url").GetString());
        Assert.Equal(succeeded.Timestamp, embed.GetProperty("timestamp").GetDateTime().ToUniversalTime());
        var fields = embed.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("value").GetString());
        Assert.Equal(run.RunId.ToString(), fields["Run"]);
        Assert.Equal("succeeded", fields["Status"]);
        Assert.Equal("production", fields["Environment"]);
        Assert.Equal("1m 35s", fields["Duration"]);
        Assert.All(embed.GetProperty("fields").EnumerateArray(), f => Assert.True(f.GetProperty("inline").GetBoolean()));
        Assert.False(embed.TryGetProperty("description", out _));
    }
}

public sealed class When_a_run_awaits_approval_and_a_webhook_listens
{
    [Fact]
    public async Task Should_post_json_signed_with_the_channel_secret_that_the_receiver_verifies()
    {
        await using var receivers = await Receivers.StartAsync();
        await using var host = await NotificationsHost.StartAsync();
        var channel = await host.CreateChannelAsync(new { name = "audit", kind = "webhook", url = receivers.Url("hook/opsbus"), events = new[] { "awaiting_approval" } });
        Assert.StartsWith("whsec_", channel.SigningSecret);
        receivers.WebhookSecret = channel.SigningSecret;
        var run = new RunChanges();

        var awaiting = run.Next(RunStatuses.AwaitingApproval, null, attempt: 0);
        await host.PublishAndWait(awaiting);
        var delivery = await host.DeliveryAsync(channel.Id, d => d.Status == DeliveryStatuses.Delivered, "the signed webhook to be accepted");

        var post = Assert.Single(receivers.Server.RequestsTo("/hook/"));
        Assert.Equal(delivery.Id.ToString(), post.Headers["X-OpsBus-Delivery"]);
        Assert.Equal("awaiting_approval", post.Headers["X-OpsBus-Event"]);
        var body = JsonDocument.Parse(post.Body).RootElement;
        Assert.Equal(delivery.Id, body.GetProperty("id").GetGuid());
        Assert.Equal("awaiting_approval", body.GetProperty("event").GetString());
        Assert.Equal(awaiting.Timestamp, body.GetProperty("occurredAt").GetDateTime().ToUniversalTime());
        var runJson = body.GetProperty("run");
        Assert.Equal(run.RunId, runJson.GetProperty("id").GetGuid());
        Assert.Equal("awaiting_approval", runJson.GetProperty("status").GetString());
        Assert.Equal("deploy-api", runJson.GetProperty("template").GetString());
        Assert.Equal("production", runJson.GetProperty("environment").GetString());
        Assert.Equal("alice", runJson.GetProperty("requestedBy").GetString());
        Assert.Equal("***", runJson.GetProperty("parameters").GetProperty("token").GetString());
        Assert.Equal($"https://opsbus.example.com/runs/{run.RunId}", runJson.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Should_be_refused_by_a_receiver_holding_another_secret_and_dead_lettered_at_once()
    {
        await using var receivers = await Receivers.StartAsync();
        await using var host = await NotificationsHost.StartAsync();
        var channel = await host.CreateChannelAsync(new { name = "audit", kind = "webhook", url = receivers.Url("hook/opsbus"), events = new[] { "failed" } });
        receivers.WebhookSecret = "not-the-channel-secret-at-all";

        await host.PublishAndWait(new RunChanges().Failed());
        var dead = await host.DeliveryAsync(channel.Id, d => d.Status == DeliveryStatuses.Dead, "the refused webhook to be dead-lettered");

        Assert.Equal(1, dead.Attempts);
        Assert.Equal(401, dead.LastStatusCode);
        Assert.Single(receivers.Server.RequestsTo("/hook/"));
    }
}

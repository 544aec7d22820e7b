using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpsBus.Notifier.Notifications.Api;

namespace OpsBus.Notifier.Tests.Notifications;

public sealed class When_an_admin_manages_channels
{
    private const string SlackUrl = "https://hooks.slack.com/services/T000/B000/secretpart";

    [Fact]
    public async Task Should_create_read_replace_and_delete_them_never_showing_urls_or_secrets()
    {
        await using var host = await NotificationsHost.StartAsync();
        var admin = host.Admin;

        var created = await admin.PostAsJsonAsync("api/notifications/channels",
            new { name = "ops", kind = "slack", url = SlackUrl, events = new[] { "failed", "recovered" }, environments = new[] { "production" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var channel = (await created.Content.ReadFromJsonAsync<ChannelResponse>())!;
        Assert.Equal($"/api/notifications/channels/{channel.Id}", created.Headers.Location!.OriginalString);
        Assert.Equal(("ops", "slack", "https://hooks.slack.com/***", true, false), (channel.Name, channel.Kind, channel.Url, channel.Enabled, channel.Signed));
        Assert.Equal(["failed", "recovered"], channel.Events);
        Assert.Equal(["production"], channel.Environments);
        Assert.Equal("root", channel.CreatedBy);
        Assert.Null(channel.SigningSecret);

        var hook = await admin.PostAsJsonAsync("api/notifications/channels",
            new { name = "audit", kind = "webhook", url = "https://audit.example.com/in?token=abc", secret = "given-secret-0123456789", events = new[] { "succeeded" } });
        var hookChannel = (await hook.Content.ReadFromJsonAsync<ChannelResponse>())!;
        Assert.True(hookChannel.Signed);
        Assert.Null(hookChannel.SigningSecret);

        var replaced = await admin.PutAsJsonAsync($"api/notifications/channels/{channel.Id}",
            new { name = "ops-renamed", kind = "slack", enabled = false, events = new[] { "cancelled" } });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var after = (await replaced.Content.ReadFromJsonAsync<ChannelResponse>())!;
        Assert.Equal(("ops-renamed", "https://hooks.slack.com/***", false), (after.Name, after.Url, after.Enabled));
        Assert.Equal(["cancelled"], after.Events);
        Assert.Empty(after.Environments);

        var listed = await admin.GetStringAsync("api/notifications/channels");
        var one = await admin.GetStringAsync($"api/notifications/channels/{hookChannel.Id}");
        foreach (var answer in new[] { listed, one, await created.Content.ReadAsStringAsync(), await hook.Content.ReadAsStringAsync(), await replaced.Content.ReadAsStringAsync() })
        {
            Assert.DoesNotContain("secretpart", answer);
            Assert.DoesNotContain("token=abc", answer);
            Assert.DoesNotContain("given-secret", answer);
        }
        Assert.Equal(2, JsonDocument.Parse(listed).RootElement.GetArrayLength());
        Assert.Equal("https://audit.example.com/***", JsonDocument.Parse(one).RootElement.GetProperty("url").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/notifications/channels/{channel.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"api/notifications/channels/{channel.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"api/notifications/channels/{channel.Id}")).StatusCode);
    }

    [Fact]
    public async Task Should_return_a_generated_webhook_secret_only_in_the_create_answer()
    {
        await using var host = await NotificationsHost.StartAsync();
        var channel = await host.CreateChannelAsync(new { name = "audit", kind = "webhook", url = "https://audit.example.com/in", events = new[] { "failed" } });

        Assert.Matches("^whsec_[0-9a-f]{64}$", channel.SigningSecret);
        Assert.DoesNotContain(channel.SigningSecret!, await host.Admin.GetStringAsync($"api/notifications/channels/{channel.Id}"));
        Assert.DoesNotContain(channel.SigningSecret!, await host.Admin.GetStringAsync("api/notifications/channels"));
    }

    [Theory]
    [InlineData("slack", "not a url", "failed", "url")]
    [InlineData("slack", "ftp://hooks.example.com/x", "failed", "url")]
    [InlineData("slack", "https://user:pw@hooks.example.com/x", "failed", "url")]
    [InlineData("teams", "https://hooks.example.com/x", "failed", "kind")]
    [InlineData("slack", "https://hooks.example.com/x", "exploded", "events")]
    public async Task Should_refuse_invalid_channels_with_problem_details(string kind, string url, string notificationEvent, string field)
    {
        await using var host = await NotificationsHost.StartAsync(new Dictionary<string, string?> { ["Notifier:Notifications:AllowHttpUrls"] = "false" });

        var response = await host.Admin.PostAsJsonAsync("api/notifications/channels", new { name = "x", kind, url, events = new[] { notificationEvent } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"no error for '{field}' in {errors}");
        Assert.Empty((await host.Admin.GetFromJsonAsync<List<ChannelResponse>>("api/notifications/channels"))!);
    }

    [Fact]
    public async Task Should_refuse_plain_http_unless_allowed()
    {
        await using var host = await NotificationsHost.StartAsync(new Dictionary<string, string?> { ["Notifier:Notifications:AllowHttpUrls"] = "false" });

        var response = await host.Admin.PostAsJsonAsync("api/notifications/channels", new { name = "x", kind = "slack", url = "http://hooks.example.com/x", events = new[] { "failed" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

public sealed class When_someone_other_than_an_admin_calls_the_notifications_api
{
    [Theory]
    [InlineData("bob:operator")]
    [InlineData("carol:approver")]
    [InlineData("dave:auditor")]
    public async Task Should_be_forbidden_everywhere(string key)
    {
        await using var host = await NotificationsHost.StartAsync();
        var channel = await host.CreateChannelAsync(new { name = "ops", kind = "slack", url = "https://hooks.slack.com/services/x", events = new[] { "failed" } });
        var caller = host.As(key);

        var answers = new[]
        {
            await caller.GetAsync("api/notifications/channels"),
            await caller.GetAsync($"api/notifications/channels/{channel.Id}"),
            await caller.PostAsJsonAsync("api/notifications/channels", new { name = "x", kind = "slack", url = "https://hooks.slack.com/y", events = new[] { "failed" } }),
            await caller.PutAsJsonAsync($"api/notifications/channels/{channel.Id}", new { name = "x", kind = "slack", events = new[] { "failed" } }),
            await caller.DeleteAsync($"api/notifications/channels/{channel.Id}"),
            await caller.PostAsync($"api/notifications/channels/{channel.Id}/test", null),
            await caller.GetAsync("api/notifications/dead-letters"),
            await caller.PostAsync($"api/notifications/dead-letters/{Guid.NewGuid()}/retry", null),
        };

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode));
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/notifications/channels")).StatusCode);
        Assert.Equal("ops", Assert.Single((await host.Admin.GetFromJsonAsync<List<ChannelResponse>>("api/notifications/channels"))!).Name);
    }
}

public sealed class When_an_admin_tests_a_channel
{
    [Fact]
    public async Task Should_post_a_test_message_and_say_how_it_went()
    {
        await using var receivers = await Receivers.StartAsync();
        await using var host = await NotificationsHost.StartAsync();
        var hook = await host.CreateChannelAsync(new { name = "audit", kind = "webhook", url = receivers.Url("hook/test"), events = new[] { "failed" } });
        receivers.WebhookSecret = hook.SigningSecret;

        var result = await (await host.Admin.PostAsync($"api/notifications/channels/{hook.Id}/test", null)).Content.ReadFromJsonAsync<TestMessageResponse>();

        Assert.Equal(new TestMessageResponse(true, 200, null), result);
        Assert.Equal("test", JsonDocument.Parse(Assert.Single(receivers.Server.RequestsTo("/hook/")).Body).RootElement.GetProperty("event").GetString());
    }
}

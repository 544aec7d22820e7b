using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using OpsBus.Notifier.Notifications.Api;
using OpsBus.Notifier.Notifications.Persistence;
using OpsBus.Runbooks.Secrets;

namespace OpsBus.Notifier.Tests.Notifications;

public sealed class When_channel_credentials_are_stored
{
    [Fact]
    public async Task Should_seal_the_url_and_the_signing_secret_with_the_secrets_key_and_still_post_signed()
    {
        await using var receivers = await Receivers.StartAsync();
        await using var host = await NotificationsHost.StartAsync(new Dictionary<string, string?> { [SecretProtector.KeySetting] = SecretProtector.NewKey() });
        var url = receivers.Url("hook/opsbus?token=abc");

        var channel = await host.CreateChannelAsync(new { name = "audit", kind = "webhook", url, events = new[] { "failed" } });
        receivers.WebhookSecret = channel.SigningSecret;

        var stored = await host.StoredChannelAsync(channel.Id);
        Assert.True(SecretProtector.IsSealed(stored.Url), "the URL is sealed at rest");
        Assert.DoesNotContain("token=abc", stored.Url, StringComparison.Ordinal);
        Assert.True(SecretProtector.IsSealed(stored.Secret), "the signing secret is sealed at rest");
        Assert.DoesNotContain(channel.SigningSecret!, stored.Secret!, StringComparison.Ordinal);
        Assert.Equal(ChannelResponse.Mask(url), channel.Url);
        await host.PublishAndWait(new RunChanges().Failed());
        await host.DeliveryAsync(channel.Id, d => d.Status == DeliveryStatuses.Delivered, "the signed webhook to be accepted");
        Assert.Single(receivers.Server.RequestsTo("/hook/opsbus"));
    }

    [Fact]
    public async Task Should_seal_what_was_stored_in_clear_or_under_the_previous_key_at_start_and_post_nothing_with_another_key()
    {
        await using var receivers = await Receivers.StartAsync();
        var database = Path.Combine(Path.GetTempPath(), $"opsbus-notifier-credentials-{Guid.NewGuid():N}.db");
        Dictionary<string, string?> Settings(string? key, string? previousKey = null) => new()
        {
            ["Notifier:Notifications:ConnectionString"] = $"Data Source={database}",
            [SecretProtector.KeySetting] = key,
            [ChannelCredentials.PreviousKeySetting] = previousKey,
        };
        var url = receivers.Url("slack/T000/B000/XXXX");
        var (first, second) = (SecretProtector.NewKey(), SecretProtector.NewKey());
        try
        {
            ChannelResponse channel;
            await using (var clear = await NotificationsHost.StartAsync(Settings(null)))
            {
                channel = await clear.CreateChannelAsync(new { name = "ops", kind = "slack", url, events = new[] { "failed" } });
                Assert.Equal(url, (await clear.StoredChannelAsync(channel.Id)).Url);
            }

            string sealedWithFirst;
            await using (var keyed = await NotificationsHost.StartAsync(Settings(first)))
            {
                sealedWithFirst = (await keyed.StoredChannelAsync(channel.Id)).Url;
                Assert.True(new SecretProtector(Convert.FromBase64String(first)).TryOpen(sealedWithFirst, out var opened) && opened == url, "sealed at start");
                await keyed.PublishAndWait(new RunChanges().Failed());
                await keyed.DeliveryAsync(channel.Id, d => d.Status == DeliveryStatuses.Delivered, "the Slack post to be delivered");
            }

            await using (var rotated = await NotificationsHost.StartAsync(Settings(second, previousKey: first)))
            {
                var sealedWithSecond = (await rotated.StoredChannelAsync(channel.Id)).Url;
                Assert.True(new SecretProtector(Convert.FromBase64String(second)).TryOpen(sealedWithSecond, out var opened) && opened == url, "sealed again");
                var afterRotation = new RunChanges().Failed();
                await rotated.PublishAndWait(afterRotation);
                await rotated.DeliveryAsync(channel.Id, d => d.RunId == afterRotation.RunId && d.Status == DeliveryStatuses.Delivered,
                    "the Slack post after the rotation to be delivered");
            }

            await using var otherKey = await NotificationsHost.StartAsync(Settings(SecretProtector.NewKey()));
            var shown = await otherKey.Admin.GetFromJsonAsync<ChannelResponse>($"api/notifications/channels/{channel.Id}");
            Assert.Equal(ChannelResponse.SealedWithAnotherKey, shown!.Url);
            await otherKey.PublishAndWait(new RunChanges().Failed());
            var dead = await otherKey.DeliveryAsync(channel.Id, d => d.Status == DeliveryStatuses.Dead, "the post to be refused");
            Assert.Contains("sealed with another key", dead.LastError, StringComparison.Ordinal);
            Assert.Equal(2, receivers.Server.RequestsTo("/slack/").Count());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(database);
        }
    }
}

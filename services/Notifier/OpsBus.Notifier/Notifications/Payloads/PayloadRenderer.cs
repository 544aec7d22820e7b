using OpsBus.Contracts;
using OpsBus.Notifier.Notifications.Persistence;

namespace OpsBus.Notifier.Notifications.Payloads;

/// <summary>The body posted to a channel of a given kind.</summary>
public static class PayloadRenderer
{
    public static string Render(string kind, Guid deliveryId, string notificationEvent, RunStatusChanged run, Uri? uiBaseUrl)
    {
        var notice = RunNotice.Of(notificationEvent, run, uiBaseUrl);
        return (kind switch
        {
            ChannelKinds.Slack => SlackPayload.Render(notice),
            ChannelKinds.Discord => DiscordPayload.Render(notice),
            ChannelKinds.Webhook => WebhookPayload.Render(deliveryId, notice),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown channel kind."),
        }).ToJsonString();
    }

    public static string RenderTest(string kind, Guid deliveryId, string channelName, DateTime now) => (kind switch
    {
        ChannelKinds.Slack => SlackPayload.RenderTest(channelName),
        ChannelKinds.Discord => DiscordPayload.RenderTest(channelName),
        ChannelKinds.Webhook => WebhookPayload.RenderTest(deliveryId, now),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown channel kind."),
    }).ToJsonString();
}

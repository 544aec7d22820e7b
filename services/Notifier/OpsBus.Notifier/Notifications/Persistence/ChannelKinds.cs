namespace OpsBus.Notifier.Notifications.Persistence;

/// <summary>The kinds of channel, as the API names them.</summary>
public static class ChannelKinds
{
    /// <summary>A Slack incoming webhook: Block Kit.</summary>
    public const string Slack = "slack";

    /// <summary>A Discord webhook: an embed.</summary>
    public const string Discord = "discord";

    /// <summary>Any HTTPS endpoint: JSON signed with HMAC-SHA256.</summary>
    public const string Webhook = "webhook";

    public static IReadOnlyList<string> All { get; } = [Slack, Discord, Webhook];
}

namespace OpsBus.Notifier.Notifications.Persistence;

/// <summary>
/// Where notifications go and which run events they are for. <see cref="Url"/> and <see cref="Secret"/> are credentials:
/// never returned by the API (the URL only masked) and never logged.
/// </summary>
public sealed class ChannelRecord
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>One of <see cref="ChannelKinds"/>.</summary>
    public string Kind { get; set; } = "";

    public string Url { get; set; } = "";

    /// <summary>The HMAC-SHA256 key that signs a webhook channel's bodies; null for Slack and Discord.</summary>
    public string? Secret { get; set; }

    public bool Enabled { get; set; }

    /// <summary>The <see cref="Rules.ChannelRules"/> as JSON.</summary>
    public string RulesJson { get; set; } = "{}";

    public DateTime CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTime UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";
}

using System.Text.Json.Serialization;
using OpsBus.Notifier.Notifications.Persistence;
using OpsBus.Notifier.Notifications.Rules;

namespace OpsBus.Notifier.Notifications.Api;

/// <summary>
/// A channel as the API shows it: the URL masked down to its scheme and host (<c>https://hooks.slack.com/***</c>),
/// the secret never, except <see cref="SigningSecret"/> in the one answer that generated it.
/// </summary>
public sealed record ChannelResponse(
    Guid Id,
    string Name,
    string Kind,
    string Url,
    bool Enabled,
    bool Signed,
    IReadOnlyList<string> Events,
    IReadOnlyList<string> Environments,
    IReadOnlyList<string> Templates,
    IReadOnlyList<string> Sessions,
    DateTime CreatedAt,
    string CreatedBy,
    DateTime UpdatedAt,
    string UpdatedBy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SigningSecret = null)
{
    /// <summary>The channel as stored (its credentials opened with <paramref name="credentials"/> only to mask the URL).</summary>
    public static ChannelResponse From(ChannelRecord channel, ChannelCredentials credentials, string? generatedSecret = null)
    {
        var rules = ChannelRules.FromJson(channel.RulesJson);
        var url = credentials.Reveal(channel.Url) is { } revealed ? Mask(revealed) : SealedWithAnotherKey;
        return new ChannelResponse(channel.Id, channel.Name, channel.Kind, url, channel.Enabled, channel.Secret is not null,
            rules.Events, rules.Environments, rules.Templates, rules.Sessions,
            channel.CreatedAt, channel.CreatedBy, channel.UpdatedAt, channel.UpdatedBy, generatedSecret);
    }

    /// <summary>Shown for a URL sealed with a key this notifier does not have (<c>Secrets:Key</c> changed): replace the URL.</summary>
    public const string SealedWithAnotherKey = "(sealed with another key)";

    /// <summary>Scheme and host only: for Slack and Discord the path is the credential.</summary>
    public static string Mask(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}/***" : "***";
}

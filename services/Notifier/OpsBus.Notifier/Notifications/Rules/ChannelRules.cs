using System.Text.Json;
using OpsBus.Contracts;

namespace OpsBus.Notifier.Notifications.Rules;

/// <summary>
/// Which events a channel receives, optionally only for some environments, templates or sessions. An empty filter
/// lets everything through; a run without the filtered value (no environment, say) does not pass a non-empty filter.
/// </summary>
public sealed record ChannelRules(
    IReadOnlyList<string> Events,
    IReadOnlyList<string> Environments,
    IReadOnlyList<string> Templates,
    IReadOnlyList<string> Sessions)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool Matches(string notificationEvent, RunStatusChanged change) =>
        Events.Contains(notificationEvent)
        && Passes(Environments, change.Environment)
        && Passes(Templates, change.Template)
        && Passes(Sessions, change.SessionId);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ChannelRules FromJson(string json) =>
        JsonSerializer.Deserialize<ChannelRules>(json, Json) ?? throw new InvalidOperationException("A channel's rules are empty.");

    private static bool Passes(IReadOnlyList<string> filter, string? value) =>
        filter.Count == 0 || (value is not null && filter.Contains(value, StringComparer.Ordinal));
}

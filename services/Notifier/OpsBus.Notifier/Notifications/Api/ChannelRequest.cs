using OpsBus.Notifier.Notifications.Persistence;
using OpsBus.Notifier.Notifications.Rules;

namespace OpsBus.Notifier.Notifications.Api;

/// <summary>
/// A channel as an admin creates (<c>POST</c>) or replaces (<c>PUT</c>) it. On <c>PUT</c>, a missing <c>url</c> or
/// <c>secret</c> keeps the stored one (the API never shows them). A webhook channel without a <c>secret</c> gets one
/// generated, returned once.
/// </summary>
public sealed record ChannelRequest(
    string? Name,
    string? Kind,
    string? Url,
    string? Secret,
    bool? Enabled,
    IReadOnlyList<string>? Events,
    IReadOnlyList<string>? Environments,
    IReadOnlyList<string>? Templates,
    IReadOnlyList<string>? Sessions)
{
    public const int MaxNameLength = 100;
    public const int MaxUrlLength = 2048;
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 256;
    public const int MaxFilterValues = 50;
    public const int MaxFilterValueLength = 200;

    /// <summary>What is wrong with the request, by field; empty when nothing is.</summary>
    public Dictionary<string, string[]> Problems(bool creating, bool allowHttp)
    {
        var problems = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > MaxNameLength)
            problems["name"] = [$"A name of 1 to {MaxNameLength} characters is required."];
        if (Kind is null || !ChannelKinds.All.Contains(Kind))
            problems["kind"] = [$"Unknown kind '{Kind}': one of {string.Join(", ", ChannelKinds.All)}."];
        if (Url is not null || creating)
        {
            if (UrlProblem(Url, allowHttp) is { } problem)
                problems["url"] = [problem];
        }
        if (Secret is not null && (Kind != ChannelKinds.Webhook || Secret.Length is < MinSecretLength or > MaxSecretLength))
            problems["secret"] = [$"Only webhook channels have a secret, of {MinSecretLength} to {MaxSecretLength} characters."];
        if (Events is not { Count: > 0 })
            problems["events"] = [$"At least one event is required: {string.Join(", ", NotificationEvents.All)}."];
        else if (Events.FirstOrDefault(e => !NotificationEvents.All.Contains(e)) is { } unknown)
            problems["events"] = [$"Unknown event '{unknown}': one of {string.Join(", ", NotificationEvents.All)}."];
        FilterProblem(problems, "environments", Environments);
        FilterProblem(problems, "templates", Templates);
        FilterProblem(problems, "sessions", Sessions);
        return problems;
    }

    public ChannelRules Rules() => new(
        Events!.Distinct().ToList(),
        (Environments ?? []).Distinct().ToList(),
        (Templates ?? []).Distinct().ToList(),
        (Sessions ?? []).Distinct().ToList());

    private static string? UrlProblem(string? url, bool allowHttp)
    {
        if (url is null || url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return $"An absolute URL of at most {MaxUrlLength} characters is required.";
        if (uri.Scheme != Uri.UriSchemeHttps && !(allowHttp && uri.Scheme == Uri.UriSchemeHttp))
            return allowHttp ? "The URL must be http or https." : "The URL must be https.";
        if (uri.UserInfo.Length > 0)
            return "The URL must not carry a user name or password.";
        return null;
    }

    private static void FilterProblem(Dictionary<string, string[]> problems, string field, IReadOnlyList<string>? values)
    {
        if (values is null)
            return;
        if (values.Count > MaxFilterValues)
            problems[field] = [$"At most {MaxFilterValues} values."];
        else if (values.Any(v => string.IsNullOrWhiteSpace(v) || v.Length > MaxFilterValueLength))
            problems[field] = [$"Each value must have 1 to {MaxFilterValueLength} characters."];
    }
}

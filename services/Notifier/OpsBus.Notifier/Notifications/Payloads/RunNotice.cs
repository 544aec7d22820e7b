using System.Globalization;
using OpsBus.Contracts;
using OpsBus.Notifier.Notifications.Rules;

namespace OpsBus.Notifier.Notifications.Payloads;

/// <summary>What every kind of message says about a run event, before it is shaped for Slack, Discord or a webhook.</summary>
public sealed record RunNotice(string Event, RunStatusChanged Run, Uri? Link)
{
    /// <summary>For a run that reached its end: from its request to its end.</summary>
    public TimeSpan? Duration => Run.FinishedAt is { } finished && finished >= Run.CreatedAt ? finished - Run.CreatedAt : null;

    public string RunName => Run.Template ?? Run.RunId.ToString("N")[..8];

    public string Title => Event switch
    {
        NotificationEvents.Failed => $"Run failed: {RunName}",
        NotificationEvents.Succeeded => $"Run succeeded: {RunName}",
        NotificationEvents.Cancelled => $"Run cancelled: {RunName}",
        NotificationEvents.AwaitingApproval => $"Run awaiting approval: {RunName}",
        NotificationEvents.Recovered => $"Run recovered after losing its worker: {RunName}",
        _ => $"Run {Run.Status}: {RunName}",
    };

    /// <summary>Green succeeded, red failed, grey cancelled, amber for what needs a look (approval, recovery).</summary>
    public int Colour => Event switch
    {
        NotificationEvents.Succeeded => 0x2EB67D,
        NotificationEvents.Failed => 0xE01E5A,
        NotificationEvents.Cancelled => 0x9E9E9E,
        _ => 0xECB22E,
    };

    public string ColourHex => "#" + Colour.ToString("x6", CultureInfo.InvariantCulture);

    /// <summary>The facts shown as fields, in order, skipping those the run does not have.</summary>
    public IReadOnlyList<(string Name, string Value)> Fields()
    {
        var fields = new List<(string, string)>
        {
            ("Run", Run.RunId.ToString()),
            ("Status", Run.Status),
        };
        if (Run.Template is { } template)
            fields.Add(("Template", Run.TemplateVersion is { } version ? $"{template} v{version}" : template));
        if (Run.Environment is { } environment)
            fields.Add(("Environment", environment));
        if (Run.SessionId is { } session)
            fields.Add(("Session", session));
        if (Run.RequestedBy is { } who)
            fields.Add(("Requested by", who));
        if (Run.Attempt > 0)
            fields.Add(("Attempt", $"{Run.Attempt} of {Run.MaxAttempts}"));
        if (Duration is { } duration)
            fields.Add(("Duration", Format(duration)));
        return fields;
    }

    public static RunNotice Of(string notificationEvent, RunStatusChanged run, Uri? uiBaseUrl) =>
        new(notificationEvent, run, uiBaseUrl is null ? null : new Uri(WithTrailingSlash(uiBaseUrl), $"runs/{run.RunId}"));

    internal static string Format(TimeSpan duration) => duration.TotalHours >= 1
        ? $"{(int)duration.TotalHours}h {duration.Minutes}m {duration.Seconds}s"
        : duration.TotalMinutes >= 1 ? $"{duration.Minutes}m {duration.Seconds}s" : $"{duration.TotalSeconds:0.#}s";

    private static Uri WithTrailingSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}

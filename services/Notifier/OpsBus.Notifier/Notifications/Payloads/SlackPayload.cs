using System.Text.Json.Nodes;

namespace OpsBus.Notifier.Notifications.Payloads;

/// <summary>
/// A Slack incoming-webhook message: a fallback <c>text</c>, and one attachment carrying the status colour with
/// Block Kit blocks (a header, the run's facts as fields, the error, a link to the run).
/// </summary>
public static class SlackPayload
{
    private const int MaxHeaderLength = 150;
    private const int MaxTextLength = 2900;

    public static JsonObject Render(RunNotice notice)
    {
        var blocks = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "header",
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Truncate(notice.Title, MaxHeaderLength) },
            },
            new JsonObject
            {
                ["type"] = "section",
                ["fields"] = new JsonArray(notice.Fields()
                    .Select(field => (JsonNode)Markdown($"*{field.Name}*\n{FieldValue(notice, field)}"))
                    .ToArray()),
            },
        };
        if (notice.Run.Error is { Length: > 0 } error)
            blocks.Add(new JsonObject { ["type"] = "section", ["text"] = Markdown(Truncate($"*Error*\n```{Escape(error)}```", MaxTextLength)) });
        if (notice.Link is { } link)
            blocks.Add(new JsonObject
            {
                ["type"] = "context",
                ["elements"] = new JsonArray(Markdown($"<{link.AbsoluteUri}|Open the run in OpsBus>")),
            });

        return new JsonObject
        {
            ["text"] = Truncate(notice.Title, MaxTextLength),
            ["attachments"] = new JsonArray(new JsonObject { ["color"] = notice.ColourHex, ["blocks"] = blocks }),
        };
    }

    public static JsonObject RenderTest(string channelName) => new() { ["text"] = $"OpsBus test notification for channel '{Escape(channelName)}'." };

    private static string FieldValue(RunNotice notice, (string Name, string Value) field) =>
        field.Name == "Run" && notice.Link is { } link ? $"<{link.AbsoluteUri}|{Escape(field.Value)}>" : Escape(field.Value);

    private static JsonObject Markdown(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    /// <summary>Slack reads <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> as control characters in text.</summary>
    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

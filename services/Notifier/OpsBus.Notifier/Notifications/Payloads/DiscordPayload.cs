using System.Globalization;
using System.Text.Json.Nodes;

namespace OpsBus.Notifier.Notifications.Payloads;

/// <summary>A Discord webhook message: one embed with the title, status colour, the run's facts as inline fields, its link and time.</summary>
public static class DiscordPayload
{
    private const int MaxTitleLength = 256;
    private const int MaxFieldValueLength = 1024;
    private const int MaxDescriptionLength = 4096;

    public static JsonObject Render(RunNotice notice)
    {
        var embed = new JsonObject
        {
            ["title"] = Truncate(notice.Title, MaxTitleLength),
            ["color"] = notice.Colour,
            ["timestamp"] = notice.Run.Timestamp.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            ["fields"] = new JsonArray(notice.Fields()
                .Select(field => (JsonNode)new JsonObject
                {
                    ["name"] = field.Name,
                    ["value"] = Truncate(field.Value, MaxFieldValueLength),
                    ["inline"] = true,
                })
                .ToArray()),
        };
        if (notice.Link is { } link)
            embed["url"] = link.AbsoluteUri;
        if (notice.Run.Error is { Length: > 0 } error)
            embed["description"] = Truncate(error, MaxDescriptionLength);

        return new JsonObject { ["username"] = "OpsBus", ["embeds"] = new JsonArray(embed) };
    }

    public static JsonObject RenderTest(string channelName) =>
        new() { ["username"] = "OpsBus", ["content"] = Truncate($"OpsBus test notification for channel '{channelName}'.", 2000) };

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

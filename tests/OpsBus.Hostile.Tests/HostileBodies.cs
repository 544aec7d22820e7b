using System.Text.Json.Nodes;

namespace OpsBus.Hostile.Tests;

/// <summary>
/// A well-formed body for each kind of endpoint that takes one, keyed by method and route pattern, and which of its
/// fields hold a closed set of values (an enum, a cron, a slug) that a made-up value must not pass. The corpus breaks
/// these bodies one way at a time.
/// </summary>
internal static class HostileBodies
{
    public const string Template = "hostile-hello";
    public const string Session = "hostile-session";

    private static readonly Dictionary<string, (Func<JsonObject> Body, string[] ClosedFields)> ByRoute = new(StringComparer.OrdinalIgnoreCase)
    {
        ["POST /api/runs"] = (() => new JsonObject
        {
            ["template"] = Template, ["params"] = new JsonObject { ["name"] = "x" },
            ["lane"] = "A", ["sessionId"] = Session, ["priority"] = 0, ["maxAttempts"] = 1, ["heartbeatTimeoutSeconds"] = 30,
        }, ["template", "lane", "sessionId"]),
        ["POST /api/runs/{id}/cancel"] = (() => new JsonObject { ["reason"] = "no longer needed" }, []),
        ["POST /api/runs/{id}/approve"] = (() => new JsonObject { ["planHash"] = "0123abcd", ["comment"] = "looks fine" }, ["planHash"]),
        ["POST /api/runs/{id}/reject"] = (() => new JsonObject { ["planHash"] = "0123abcd", ["comment"] = "no" }, []),
        ["POST /api/sessions"] = (() => new JsonObject { ["id"] = "hostile-new", ["name"] = "Hostile new", ["lanes"] = new JsonArray("A", "B") },
            ["id", "lanes"]),
        ["POST /api/templates"] = (() => TemplateBody("hostile-new"), ["slug", "risk", "defaultLane"]),
        ["PUT /api/templates/{slug}"] = (() => TemplateBody(Template), ["slug", "risk", "defaultLane"]),
        ["POST /api/intents/parse"] = (() => new JsonObject { ["text"] = "run hostile-hello on lane A" }, []),
        ["POST /api/schedules"] = (ScheduleBody, ["template", "cron", "timeZone", "lane"]),
        ["PUT /api/schedules/{id}"] = (ScheduleBody, ["template", "cron", "timeZone", "lane"]),
        ["POST /api/keys/"] = (() => new JsonObject { ["name"] = "hostile-key", ["role"] = "operator" }, ["name", "role"]),
        ["POST /api/notifications/channels/"] = (ChannelBody, ["kind", "url", "events"]),
        ["PUT /api/notifications/channels/{id}"] = (ChannelBody, ["kind", "url", "events"]),
    };

    /// <summary>The well-formed body of this endpoint, or an empty object for one that takes none.</summary>
    public static JsonObject For(string method, string pattern) =>
        ByRoute.TryGetValue($"{method} {pattern}", out var entry) ? entry.Body() : [];

    /// <summary>The fields of <see cref="For"/> whose values come from a closed set.</summary>
    public static IReadOnlyList<string> ClosedFields(string method, string pattern) =>
        ByRoute.TryGetValue($"{method} {pattern}", out var entry) ? entry.ClosedFields : [];

    private static JsonObject TemplateBody(string slug) => new()
    {
        ["slug"] = slug, ["title"] = "Hello", ["description"] = "Greets.", ["defaultLane"] = "A", ["risk"] = "read",
        ["parameters"] = new JsonArray(new JsonObject { ["key"] = "name", ["label"] = "Who", ["type"] = "string", ["default"] = "world" }),
        ["steps"] = new JsonArray(new JsonObject
        {
            ["id"] = "greet", ["title"] = "Say hello", ["phase"] = "action", ["action"] = "echo",
            ["inputs"] = new JsonObject { ["message"] = "Hello, ${{ params.name }}!" },
        }),
    };

    private static JsonObject ScheduleBody() => new()
    {
        ["name"] = "nightly", ["template"] = Template, ["params"] = new JsonObject { ["name"] = "cron" }, ["lane"] = "A",
        ["cron"] = "0 3 * * *", ["timeZone"] = "Europe/Paris", ["enabled"] = true,
    };

    private static JsonObject ChannelBody() => new()
    {
        ["name"] = "hooks", ["kind"] = "webhook", ["url"] = "https://hooks.example.invalid/opsbus", ["enabled"] = true,
        ["events"] = new JsonArray("failed"),
    };
}

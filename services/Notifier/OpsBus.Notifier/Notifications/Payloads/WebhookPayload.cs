using System.Text.Json.Nodes;

namespace OpsBus.Notifier.Notifications.Payloads;

/// <summary>
/// A generic webhook body: <c>{ id, event, occurredAt, run: {...} }</c>, <c>id</c> being the delivery (the same on
/// every attempt). Parameters are as the run event shows them to people (secrets already <c>***</c>).
/// </summary>
public static class WebhookPayload
{
    public const string TestEvent = "test";

    public static JsonObject Render(Guid deliveryId, RunNotice notice)
    {
        var run = notice.Run;
        return new JsonObject
        {
            ["id"] = deliveryId,
            ["event"] = notice.Event,
            ["occurredAt"] = run.Timestamp,
            ["run"] = new JsonObject
            {
                ["id"] = run.RunId,
                ["status"] = run.Status,
                ["previousStatus"] = run.PreviousStatus,
                ["sequence"] = run.Sequence,
                ["template"] = run.Template,
                ["templateVersion"] = run.TemplateVersion,
                ["environment"] = run.Environment,
                ["sessionId"] = run.SessionId,
                ["lane"] = run.Lane,
                ["requestedBy"] = run.RequestedBy,
                ["attempt"] = run.Attempt,
                ["maxAttempts"] = run.MaxAttempts,
                ["risk"] = run.Risk,
                ["requiresApproval"] = run.RequiresApproval,
                ["error"] = run.Error,
                ["createdAt"] = run.CreatedAt,
                ["startedAt"] = run.StartedAt,
                ["finishedAt"] = run.FinishedAt,
                ["durationSeconds"] = notice.Duration?.TotalSeconds,
                ["parameters"] = run.Parameters is null ? null : new JsonObject(run.Parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
                ["url"] = notice.Link?.AbsoluteUri,
            },
        };
    }

    public static JsonObject RenderTest(Guid deliveryId, DateTime now) => new()
    {
        ["id"] = deliveryId,
        ["event"] = TestEvent,
        ["occurredAt"] = now,
        ["run"] = null,
    };
}

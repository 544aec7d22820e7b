using System.Text.Json;
using OpsBus.Contracts;

namespace OpsBus.LaneWorker.Tests;

/// <summary>Plan steps for the built-in actions.</summary>
internal static class Steps
{
    public static PlanStep Echo(string id, string phase = RunPhases.Action, string message = "hello") =>
        Step(id, phase, "echo", ("message", message));

    public static PlanStep Sleep(string id, double seconds, string phase = RunPhases.Action, int? timeoutSeconds = null) =>
        Step(id, phase, "sleep", ("seconds", seconds)) with { TimeoutSeconds = timeoutSeconds };

    public static PlanStep Fail(string id, bool retryable, string phase = RunPhases.Action) =>
        Step(id, phase, "fail", ("message", "broken on purpose"), ("retryable", retryable));

    public static PlanStep HttpCheck(string id, string url, int? expectStatus = null) =>
        expectStatus is { } expected
            ? Step(id, RunPhases.Verify, "http.check", ("url", url), ("expectStatus", expected))
            : Step(id, RunPhases.Verify, "http.check", ("url", url));

    public static PlanStep HttpRequest(string id, string url, params (string Name, object Value)[] inputs) =>
        Step(id, RunPhases.Action, "http.request", [("url", url), .. inputs]);

    public static PlanStep Step(string id, string phase, string action, params (string Name, object Value)[] inputs) =>
        new(id, $"{action} {id}", phase, action, inputs.ToDictionary(i => i.Name, i => JsonSerializer.SerializeToElement(i.Value)));
}

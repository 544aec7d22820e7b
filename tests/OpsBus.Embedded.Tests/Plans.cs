using System.Text.Json;
using OpsBus.Contracts;

namespace OpsBus.Embedded.Tests;

internal static class Plans
{
    public static RunPlan Of(params PlanStep[] steps) => new(steps);

    public static PlanStep Echo(string id, string phase, string message) =>
        Step(id, phase, "echo", ("message", message));

    public static PlanStep Sleep(string id, double seconds) =>
        Step(id, RunPhases.Action, "sleep", ("seconds", seconds));

    public static PlanStep Fail(string id, bool retryable) =>
        Step(id, RunPhases.Action, "fail", ("message", "broken on purpose"), ("retryable", retryable));

    private static PlanStep Step(string id, string phase, string action, params (string Name, object Value)[] inputs) =>
        new(id, $"{action} {id}", phase, action, inputs.ToDictionary(i => i.Name, i => JsonSerializer.SerializeToElement(i.Value)));
}

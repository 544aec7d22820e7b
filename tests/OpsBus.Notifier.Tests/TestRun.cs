using System.Text.Json;
using MassTransit;
using OpsBus.Contracts;

namespace OpsBus.Notifier.Tests;

/// <summary>A run of the tests and the messages the rest of OpsBus would publish about it.</summary>
internal sealed record TestRun(Guid Id, string Owner, string? SessionId, DateTime CreatedAt)
{
    /// <summary>Status changes made so far: numbered like the orchestrator numbers them.</summary>
    private int _published;

    public static readonly IReadOnlyList<PlanStep> Plan =
    [
        new("greet", "Say hello", RunPhases.Action, "echo"),
        new("report", "Report", RunPhases.Summarize, "echo"),
    ];

    public static TestRun By(string owner, string? sessionId = null) => new(NewId.NextGuid(), owner, sessionId, DateTime.UtcNow);

    public RunRequested Requested() =>
        new(Id, new RunPlan(Plan), SessionId: SessionId, RequestedBy: Owner, RequestedAt: CreatedAt);

    public RunStatusChanged Status(string status, string? previous = null, int attempt = 1)
    {
        var now = DateTime.UtcNow;
        var claimed = status is not RunStatuses.Queued;
        return new RunStatusChanged(
            Id, status, previous, attempt, 3, "A", SessionId, null, "staging", 0, claimed ? "worker-1" : null, Owner, CreatedAt,
            claimed ? now : null, status is RunStatuses.Running or RunStatuses.Succeeded ? now : null, null,
            RunStatuses.IsTerminal(status) ? now : null, null, now, Sequence: ++_published);
    }

    public RunSnapshot Snapshot(string status, params StepSnapshot[] steps) =>
        new(Id, status, 1, 3, "A", SessionId, null, "staging", 0, null, CreatedAt, null, null, null, null, null, Owner, null, steps);

    public RunStepStarted StepStarted(string stepId, int attempt = 1) =>
        new(Id, attempt, stepId, Plan.Single(s => s.Id == stepId).Phase, DateTime.UtcNow);

    public RunStepFinished StepFinished(string stepId, string status = "succeeded", int attempt = 1) =>
        new(Id, attempt, stepId, status, status == "failed" ? "it broke" : null, DateTime.UtcNow);

    public RunLogAppended Log(params string[] messages) =>
        new(Id, 1, [.. messages.Select((message, i) => new RunLogLine(
            RunLogLine.SequenceOf(1, i + 1), DateTime.UtcNow, "info", "greet", message,
            i == 0 ? JsonSerializer.SerializeToElement(new { line = i + 1 }) : null))]);
}

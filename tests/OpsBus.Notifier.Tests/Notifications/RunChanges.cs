using OpsBus.Contracts;

namespace OpsBus.Notifier.Tests.Notifications;

/// <summary>Status changes of one run as the orchestrator publishes them, numbered in order.</summary>
internal sealed class RunChanges(string? template = "deploy-api", string? environment = "production", string? sessionId = null)
{
    private int _sequence;

    public Guid RunId { get; } = Guid.NewGuid();

    public DateTime CreatedAt { get; } = new(2026, 11, 24, 9, 0, 0, DateTimeKind.Utc);

    public RunStatusChanged Next(string status, string? previous, int attempt = 1, string? error = null, string? reason = null)
    {
        var finished = RunStatuses.IsTerminal(status) ? CreatedAt.AddSeconds(95) : (DateTime?)null;
        return new RunStatusChanged(
            RunId, status, previous, attempt, 3, "A", sessionId, template, environment, 0, null, "alice", CreatedAt,
            null, null, null, finished, error, finished ?? CreatedAt.AddSeconds(10), TemplateVersion: 4,
            Parameters: new Dictionary<string, string> { ["version"] = "1.2.3", ["token"] = "***" }, Sequence: ++_sequence, Reason: reason);
    }

    public RunStatusChanged Failed(string error = "exit code 1") => Next(RunStatuses.Failed, RunStatuses.Running, error: error);

    public RunStatusChanged Succeeded() => Next(RunStatuses.Succeeded, RunStatuses.Running);
}

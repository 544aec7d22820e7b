using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Octokit;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Persistence;

namespace OpsBus.Orchestrator.Triggers;

/// <summary>
/// Reports a triggered run on the commit it is about, as the status <c>opsbus/&lt;template&gt;</c> linking to the run:
/// pending when it is queued, awaits approval or starts running, then success, failure or error when it ends. It reads
/// <see cref="RunStatusChanged"/> on its own queue, so a GitHub outage is retried there and never touches the run.
/// </summary>
internal sealed partial class CommitStatusReporter(
    GitHubStatuses statuses,
    OrchestratorDbContext db,
    IOptions<GitHubTriggerOptions> options,
    ILogger<CommitStatusReporter> logger) : IConsumer<RunStatusChanged>
{
    private const int MaxDescriptionLength = 140;

    public async Task Consume(ConsumeContext<RunStatusChanged> context)
    {
        var run = context.Message;
        var settings = options.Value;
        if (run.Trigger is not { Sha: { Length: > 0 } sha } trigger || !settings.ReportsStatuses || Describe(run) is not { } described)
            return;
        if (!RunStatuses.IsTerminal(run.Status) && await HasFinishedAsync(run.RunId, context.CancellationToken))
            return;

        var status = new NewCommitStatus
        {
            State = described.State,
            TargetUrl = $"{settings.RunLinkBaseUrl!.ToString().TrimEnd('/')}/runs/{run.RunId}",
            Description = described.Description.Length > MaxDescriptionLength
                ? described.Description[..(MaxDescriptionLength - 1)] + "…"
                : described.Description,
            Context = $"opsbus/{run.Template ?? "run"}",
        };
        await statuses.SetAsync(trigger.Repository, sha, status, context.CancellationToken);
        LogReported(run.RunId, trigger.Repository, sha, run.Status);
    }

    /// <summary>The commit state and sentence for a status change worth reporting, or null (claimed, cancelling, a requeue).</summary>
    private static (CommitState State, string Description)? Describe(RunStatusChanged run) => run.Status switch
    {
        RunStatuses.Queued when run.PreviousStatus is null or RunStatuses.AwaitingApproval => (CommitState.Pending, "Queued in OpsBus."),
        RunStatuses.AwaitingApproval => (CommitState.Pending, "Waiting for an approver in OpsBus."),
        RunStatuses.Running => (CommitState.Pending, "Running in OpsBus."),
        RunStatuses.Succeeded => (CommitState.Success, "Succeeded."),
        RunStatuses.Failed => (CommitState.Failure, "Failed" + (run.Error is { Length: > 0 } error ? ": " + error : ".")),
        RunStatuses.Cancelled => (CommitState.Error, "Cancelled."),
        RunStatuses.Rejected => (CommitState.Error, "Rejected" + (run.Error is { Length: > 0 } reason ? ": " + reason : ".")),
        _ => null,
    };

    /// <summary>A late pending report must not overwrite the run's final one.</summary>
    private async Task<bool> HasFinishedAsync(Guid runId, CancellationToken cancellationToken) =>
        await db.Runs.AsNoTracking().AnyAsync(r => r.CorrelationId == runId && r.FinishedAt != null, cancellationToken);

    [LoggerMessage(LogLevel.Debug, "Reported run {RunId} on {Repository}@{Sha} as {Status}")]
    partial void LogReported(Guid runId, string repository, string sha, string status);
}

using MassTransit;
using Microsoft.Extensions.Logging;
using OpsBus.Artifacts.Persistence;
using OpsBus.Contracts;

namespace OpsBus.Artifacts.Runs;

/// <summary>
/// Remembers who requested each run (<c>artifact_runs</c>): the artifacts service scopes a run's artifacts to its owner.
/// A run requested by nobody in particular stays unknown (its artifacts are for admins and auditors). Stored a batch of
/// <see cref="RunRequested"/> at a time (<see cref="RunOwnerConsumerDefinition"/>), one statement per batch: the
/// first owner recorded for a run stays, so a redelivered request or a retried batch changes nothing.
/// </summary>
public sealed class RunOwnerConsumer(ArtifactsDbContext db, ILogger<RunOwnerConsumer> logger) : IConsumer<Batch<RunRequested>>
{
    public Task Consume(ConsumeContext<Batch<RunRequested>> context)
    {
        var rows = new List<object?[]>(context.Message.Length);
        var seen = new HashSet<Guid>();
        foreach (var request in context.Message)
        {
            var message = request.Message;
            if (message.RequestedBy is not { Length: > 0 } owner || !seen.Add(message.RunId))
                continue;
            if (!RunOwners.FitsColumn(owner))
            {
                // Not a caller OpsBus knows (key names are shorter): the run's artifacts stay for admins and auditors.
                logger.LogWarning("Run {RunId} requested by an owner longer than {MaxLength} characters: not recorded", message.RunId, ArtifactRunRecord.OwnerMaxLength);
                continue;
            }
            rows.Add([message.RunId, owner, message.RequestedAt ?? request.SentTime ?? DateTime.UtcNow]);
        }
        return RunOwners.RecordAsync(db, rows, context.CancellationToken);
    }
}

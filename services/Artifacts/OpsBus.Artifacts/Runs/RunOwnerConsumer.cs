using MassTransit;
using Microsoft.EntityFrameworkCore;
using OpsBus.Artifacts.Persistence;
using OpsBus.Contracts;

namespace OpsBus.Artifacts.Runs;

/// <summary>
/// Remembers who requested each run (<c>artifact_runs</c>): the artifacts service scopes a run's artifacts to its owner.
/// A run requested by nobody in particular stays unknown (its artifacts are for admins and auditors).
/// </summary>
public sealed class RunOwnerConsumer(ArtifactsDbContext db) : IConsumer<RunRequested>
{
    public async Task Consume(ConsumeContext<RunRequested> context)
    {
        var message = context.Message;
        if (message.RequestedBy is not { Length: > 0 } owner)
            return;
        if (await db.Runs.AnyAsync(r => r.RunId == message.RunId, context.CancellationToken))
            return;
        db.Runs.Add(new ArtifactRunRecord { RunId = message.RunId, Owner = owner, RequestedAt = message.RequestedAt ?? context.SentTime ?? DateTime.UtcNow });
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateException)
        {
            // A redelivery may have raced this one: then the owner is recorded either way.
            if (!await IsKnownAsync(message.RunId, context.CancellationToken))
                throw;
        }
    }

    private async Task<bool> IsKnownAsync(Guid runId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await db.Runs.AnyAsync(r => r.RunId == runId, cancellationToken);
    }
}

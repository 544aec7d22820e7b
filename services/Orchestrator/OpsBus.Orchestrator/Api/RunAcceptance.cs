using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Persistence;

namespace OpsBus.Orchestrator.Api;

/// <summary>
/// Accepts a run once per caller and idempotency key: the request is recorded first (the unique key decides between
/// concurrent duplicates), and only the request that recorded it publishes <see cref="RunRequested"/>.
/// </summary>
internal sealed class RunAcceptance(OrchestratorDbContext db, IPublishEndpoint publish, RunSnapshots snapshots)
{
    /// <summary>What an earlier request with this key was answered, or null when the key is new.</summary>
    public async Task<Acceptance?> FindEarlierAsync(string caller, string idempotencyKey, string requestHash, CancellationToken cancellationToken)
    {
        var earlier = await db.RunRequests.AsNoTracking()
            .SingleOrDefaultAsync(r => r.RequestedBy == caller && r.IdempotencyKey == idempotencyKey, cancellationToken);
        if (earlier is null)
            return null;
        return earlier.RequestHash == requestHash ? new Acceptance(snapshots.Accepted(earlier)) : new Acceptance(null);
    }

    public async Task<Acceptance> AcceptAsync(RunRequested request, string requestHash, CancellationToken cancellationToken)
    {
        var record = new RunRequestRecord
        {
            RunId = request.RunId,
            RequestedBy = request.RequestedBy!,
            IdempotencyKey = request.IdempotencyKey,
            RequestHash = requestHash,
            RequestJson = JsonSerializer.Serialize(request, RunSnapshots.Json),
            CreatedAt = request.RequestedAt!.Value,
        };
        db.RunRequests.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (request.IdempotencyKey is { } key)
        {
            db.ChangeTracker.Clear();
            var winner = await FindEarlierAsync(record.RequestedBy, key, requestHash, cancellationToken);
            if (winner is null)
                throw;
            return winner;
        }

        try
        {
            // The request is recorded: publish even if the caller went away meanwhile.
            await publish.Publish(request, CancellationToken.None);
        }
        catch
        {
            db.RunRequests.Remove(record);
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        return new Acceptance(snapshots.Accepted(request));
    }
}

/// <summary>The accepted run, or none when the idempotency key was already used with another request.</summary>
internal sealed record Acceptance(RunSnapshot? Run);

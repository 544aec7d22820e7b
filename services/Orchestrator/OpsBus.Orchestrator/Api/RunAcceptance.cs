using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Persistence;

namespace OpsBus.Orchestrator.Api;

/// <summary>
/// Accepts a run once per caller and idempotency key: the request is recorded first (the unique key decides between
/// concurrent duplicates), and only the request that recorded it publishes <see cref="RunRequested"/>. The others are
/// answered as the first was, or refused when they are another request under the same key.
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
        var requestedBy = request.RequestedBy!;
        var requestJson = JsonSerializer.Serialize(request, RunSnapshots.Json);
        var createdAt = request.RequestedAt!.Value;
        // One statement whatever happens: a key recorded before (its unique index) leaves the row out instead of
        // failing, so a repeated request is no database error in the logs, and a new one needs no lookup first.
        var recorded = await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO run_requests (run_id, requested_by, idempotency_key, request_hash, request_json, created_at)
            VALUES ({request.RunId}, {requestedBy}, {request.IdempotencyKey}, {requestHash}, {requestJson}, {createdAt})
            ON CONFLICT DO NOTHING
            """,
            cancellationToken);
        if (recorded == 0)
        {
            if (request.IdempotencyKey is { } key && await FindEarlierAsync(requestedBy, key, requestHash, cancellationToken) is { } earlier)
                return earlier;
            throw new InvalidOperationException($"Run request {request.RunId} was not recorded, and no earlier request with its key was found.");
        }

        try
        {
            // The request is recorded: publish even if the caller went away meanwhile.
            await publish.Publish(request, CancellationToken.None);
        }
        catch
        {
            await db.RunRequests.Where(r => r.RunId == request.RunId).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }
        return new Acceptance(snapshots.Accepted(request));
    }
}

/// <summary>The accepted run, or none when the idempotency key was already used with another request.</summary>
internal sealed record Acceptance(RunSnapshot? Run);

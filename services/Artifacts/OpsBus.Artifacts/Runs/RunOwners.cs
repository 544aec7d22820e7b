using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpsBus.Artifacts.Persistence;
using OpsBus.Contracts;
using OpsBus.ServiceDefaults.Persistence;

namespace OpsBus.Artifacts.Runs;

/// <summary>
/// Who owns a run, for scoping its artifacts: as recorded from <c>RunRequested</c> (<see cref="RunOwnerConsumer"/>), else
/// as stored with one of its artifacts. A run this service has not heard of may only be one whose request is still on
/// its way (a caller who just created it and asks at once): when the answer would refuse the caller, the orchestrator,
/// which knows a run as soon as it accepted it, is asked, and its answer is recorded for the next question.
/// </summary>
public sealed class RunOwners(ArtifactsDbContext db, IRequestClient<GetRunSnapshot> orchestrator, ILogger<RunOwners> logger)
{
    private static readonly string[] Columns = ["run_id", "owner", "requested_at"];

    /// <summary>The owner of <paramref name="runId"/> (null: nobody in particular, or a run nobody knows).</summary>
    /// <param name="runId">The run.</param>
    /// <param name="artifact">One of the run's artifacts, if it has any.</param>
    /// <param name="permits">The caller's decision on an owner; the orchestrator is asked only when this refuses an unknown owner.</param>
    /// <param name="cancellationToken">Stops the lookup.</param>
    /// <exception cref="OrchestratorUnavailableException">The run is unknown here and the orchestrator did not answer.</exception>
    public async Task<string?> OfAsync(Guid runId, ArtifactRecord? artifact, Func<string?, bool> permits, CancellationToken cancellationToken)
    {
        var owner = await RecordedAsync(runId, cancellationToken) ?? artifact?.RunOwner;
        if (owner is not null || permits(null))
            return owner;
        return await AskOrchestratorAsync(runId, cancellationToken);
    }

    /// <summary>The owner recorded for <paramref name="runId"/>, asking no one: null while its request has not arrived.</summary>
    public Task<string?> RecordedAsync(Guid runId, CancellationToken cancellationToken) =>
        db.Runs.AsNoTracking().Where(r => r.RunId == runId).Select(r => r.Owner).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Records the first owner of each run (run id, owner, time requested; each run once): an owner recorded already stays.</summary>
    internal static Task RecordAsync(ArtifactsDbContext db, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken) =>
        RowBatchWriter.WriteAsync(db, "artifact_runs", Columns, "ON CONFLICT (run_id) DO NOTHING", rows, cancellationToken);

    internal static bool FitsColumn(string owner) => owner.Length <= ArtifactRunRecord.OwnerMaxLength;

    private async Task<string?> AskOrchestratorAsync(Guid runId, CancellationToken cancellationToken)
    {
        RunSnapshot? run;
        try
        {
            var response = await orchestrator.GetResponse<RunSnapshot, RunSnapshotNotFound>(new GetRunSnapshot(runId), cancellationToken);
            run = response.Is(out Response<RunSnapshot>? found) ? found.Message : null;
        }
        catch (RequestException exception)
        {
            throw new OrchestratorUnavailableException(runId, exception);
        }
        if (run?.RequestedBy is not { Length: > 0 } owner)
            return null;
        if (FitsColumn(owner))
            await RecordAsync(db, [[runId, owner, run.CreatedAt]], cancellationToken);
        logger.LogDebug("Run {RunId} learnt from the orchestrator before its request arrived", runId);
        return owner;
    }
}

/// <summary>A run unknown to the artifacts service, and the orchestrator did not answer for it: try again shortly.</summary>
public sealed class OrchestratorUnavailableException(Guid runId, Exception inner)
    : Exception($"The orchestrator did not answer about run {runId}.", inner);

using System.Security.Claims;
using MassTransit;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using OpsBus.Notifier.Runs;
using OpsBus.ServiceDefaults.Security;

namespace OpsBus.Notifier.Hubs;

/// <summary>
/// Whether a caller may follow a run: auditors and admins any run; operators and approvers their own, the owner being
/// the run's <c>RequestedBy</c> as this instance heard it on the bus or, failing that, as the orchestrator answers.
/// A run that does not exist and another caller's run are refused alike, as the API answers 404 for both.
/// </summary>
public sealed class RunVisibility(RunCache cache, OrchestratorSnapshots snapshots, IOptions<NotifierOptions> options)
{
    public async Task EnsureMaySee(ClaimsPrincipal caller, Guid runId, CancellationToken cancellationToken)
    {
        if (caller.SeesEverything())
            return;
        if (!caller.MaySee(await OwnerOf(runId, cancellationToken)))
            throw Refused(runId);
    }

    private async Task<string?> OwnerOf(Guid runId, CancellationToken cancellationToken)
    {
        var (known, owner, _) = cache.Identity(runId);
        if (known)
            return owner;

        try
        {
            if (await snapshots.Get(runId, cancellationToken) is { } snapshot)
                return snapshot.RequestedBy;
        }
        catch (RequestException)
        {
            throw new HubException($"Could not check who may see run {runId}: the orchestrator did not answer. Try again.");
        }

        // Requested a moment ago, the run may still be on its way to the orchestrator and to this instance.
        try
        {
            await cache.IdentityKnown(runId).WaitAsync(options.Value.UnknownRunGrace, cancellationToken);
            return cache.Identity(runId).Owner;
        }
        catch (TimeoutException)
        {
            throw Refused(runId);
        }
        finally
        {
            cache.StopAwaitingIdentity(runId);
        }
    }

    private static HubException Refused(Guid runId) => new($"Run {runId} does not exist or you may not see it.");
}

using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace OpsBus.Notifier.Hubs;

/// <summary>
/// Where clients follow runs instead of polling. A client subscribes to a run, a session or everything it may see and
/// then receives <see cref="RunUpdated"/> (a <see cref="OpsBus.Contracts.RunSnapshot"/>, as <c>GET /api/runs/{id}</c>
/// answers it) on every status change, <see cref="RunLog"/> (a <see cref="RunLogBatch"/>) as lines are written and
/// <see cref="ArtifactAdded"/> when an artifact of the run is stored.
/// A connection in several matching subscriptions receives each message once.
/// </summary>
[Authorize]
public sealed class RunsHub(RunSubscriptions subscriptions, RunVisibility visibility) : Hub
{
    public const string Path = "/hubs/runs";

    /// <summary>The client method receiving a run's snapshot after each status change.</summary>
    public const string RunUpdated = "runUpdated";

    /// <summary>The client method receiving a batch of a run's log lines.</summary>
    public const string RunLog = "runLog";

    /// <summary>The client method receiving an artifact just stored for a run (an <see cref="OpsBus.Contracts.ArtifactStored"/>).</summary>
    public const string ArtifactAdded = "artifactAdded";

    /// <summary>Follows one run; refused when it does not exist or is another caller's (for operators and approvers).</summary>
    public async Task SubscribeRun(Guid runId)
    {
        await visibility.EnsureMaySee(Caller, runId, Context.ConnectionAborted);
        subscriptions.Add(Context.ConnectionId, RunAudience.Run(runId));
    }

    public Task UnsubscribeRun(Guid runId) => Unsubscribe(RunAudience.Run(runId));

    /// <summary>Follows the runs of a session the caller may see: all of them for auditors and admins, else the caller's own.</summary>
    public Task SubscribeSession(string sessionId) => Subscribe(RunAudience.Session(ValidSessionId(sessionId), Caller));

    public Task UnsubscribeSession(string sessionId) => Unsubscribe(RunAudience.Session(ValidSessionId(sessionId), Caller));

    /// <summary>Follows every run the caller may see: all runs for auditors and admins, else the caller's own.</summary>
    public Task SubscribeAll() => Subscribe(RunAudience.Everything(Caller));

    public Task UnsubscribeAll() => Unsubscribe(RunAudience.Everything(Caller));

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subscriptions.RemoveConnection(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    private ClaimsPrincipal Caller =>
        Context.User is { Identity.IsAuthenticated: true } user ? user : throw new HubException("The caller is not authenticated.");

    private Task Subscribe(RunAudience audience)
    {
        subscriptions.Add(Context.ConnectionId, audience);
        return Task.CompletedTask;
    }

    private Task Unsubscribe(RunAudience audience)
    {
        subscriptions.Remove(Context.ConnectionId, audience);
        return Task.CompletedTask;
    }

    private static string ValidSessionId(string? sessionId) =>
        sessionId is { Length: > 0 and <= 200 } && !string.IsNullOrWhiteSpace(sessionId)
            ? sessionId
            : throw new HubException("A session id is 1 to 200 characters.");
}

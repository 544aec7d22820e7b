using System.Security.Claims;
using OpsBus.ServiceDefaults.Security;

namespace OpsBus.Notifier.Hubs;

/// <summary>
/// Who a run's messages go to, as a subscription: one run (<c>run:{id}</c>), everything (<c>all</c>), one owner's runs
/// (<c>owner:{name}</c>), a session's runs (<c>session:{sid}:all</c>) or one owner's runs in a session
/// (<c>session:{sid}:owner:{name}</c>). A value, not a formatted group name, so no session id or caller name can
/// be crafted to collide with another audience.
/// </summary>
public readonly record struct RunAudience(RunAudienceKind Kind, Guid RunId = default, string? SessionId = null, string? Owner = null)
{
    public static RunAudience Run(Guid runId) => new(RunAudienceKind.Run, RunId: runId);

    /// <summary>Everything the caller may see.</summary>
    public static RunAudience Everything(ClaimsPrincipal caller) =>
        caller.SeesEverything() ? new(RunAudienceKind.All) : new(RunAudienceKind.Owner, Owner: caller.CallerName());

    /// <summary>What the caller may see of a session.</summary>
    public static RunAudience Session(string sessionId, ClaimsPrincipal caller) =>
        caller.SeesEverything()
            ? new(RunAudienceKind.SessionAll, SessionId: sessionId)
            : new(RunAudienceKind.SessionOwner, SessionId: sessionId, Owner: caller.CallerName());

    /// <summary>Every audience a message about this run goes to; an unknown owner or session narrows it to those who see everything.</summary>
    public static IReadOnlyList<RunAudience> Of(Guid runId, string? owner, string? sessionId)
    {
        var audiences = new List<RunAudience>(5) { Run(runId), new(RunAudienceKind.All) };
        if (owner is not null)
            audiences.Add(new(RunAudienceKind.Owner, Owner: owner));
        if (sessionId is not null)
        {
            audiences.Add(new(RunAudienceKind.SessionAll, SessionId: sessionId));
            if (owner is not null)
                audiences.Add(new(RunAudienceKind.SessionOwner, SessionId: sessionId, Owner: owner));
        }
        return audiences;
    }

    public override string ToString() => Kind switch
    {
        RunAudienceKind.Run => $"run:{RunId}",
        RunAudienceKind.All => "all",
        RunAudienceKind.Owner => $"owner:{Owner}",
        RunAudienceKind.SessionAll => $"session:{SessionId}:all",
        _ => $"session:{SessionId}:owner:{Owner}",
    };
}

public enum RunAudienceKind
{
    Run,
    All,
    Owner,
    SessionAll,
    SessionOwner,
}

using System.Security.Claims;
using OpsBus.ServiceDefaults.Security;

namespace OpsBus.Artifacts.Api;

/// <summary>
/// Who may do what with artifacts. A run's artifacts are seen by whoever may see the run (its owner, auditors, admins).
/// Its owner (an operator or approver) and admins may add to it, and so may workers (role <see cref="WorkerRole"/>),
/// which execute runs of every owner, also before this service has heard of the run.
/// </summary>
public static class ArtifactCallers
{
    /// <summary>The role of the lane workers' credentials.</summary>
    public const string WorkerRole = "worker";

    public static bool IsWorker(this ClaimsPrincipal caller) => caller.IsInRole(WorkerRole);

    /// <summary>Whether the caller may add artifacts to runs at all (before looking at the run).</summary>
    public static bool MayUploadArtifacts(this ClaimsPrincipal caller) => caller.MayOperate() || caller.IsWorker();

    /// <summary>Whether the caller may add to a run owned by <paramref name="owner"/> (null: the run is unknown here).</summary>
    public static bool MayUploadTo(this ClaimsPrincipal caller, string? owner) =>
        caller.IsWorker() || caller.IsInRole(OpsBusRoles.Admin) || (owner is not null && caller.MaySee(owner));

    /// <summary>Whether the caller may read the artifacts of a run owned by <paramref name="owner"/>.</summary>
    public static bool MayReadFrom(this ClaimsPrincipal caller, string? owner) => caller.MaySee(owner);
}

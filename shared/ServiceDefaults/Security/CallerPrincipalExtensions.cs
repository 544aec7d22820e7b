using System.Security.Claims;

namespace OpsBus.ServiceDefaults.Security;

/// <summary>What every service asks of the authenticated caller, whichever way it was authenticated.</summary>
public static class CallerPrincipalExtensions
{
    /// <summary>The caller's name: the owner recorded on the runs it requests.</summary>
    public static string CallerName(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(ClaimTypes.Name) ?? throw new InvalidOperationException("The caller is not authenticated.");

    /// <summary>Auditors and admins see every run; operators and approvers only their own.</summary>
    public static bool SeesEverything(this ClaimsPrincipal principal) =>
        principal.IsInRole(OpsBusRoles.Admin) || principal.IsInRole(OpsBusRoles.Auditor);

    public static bool MaySee(this ClaimsPrincipal principal, string? owner) =>
        principal.SeesEverything() || (owner is not null && owner == principal.FindFirstValue(ClaimTypes.Name));

    /// <summary>Operators, approvers and admins may request, cancel and retry runs; auditors only read.</summary>
    public static bool MayOperate(this ClaimsPrincipal principal) =>
        principal.IsInRole(OpsBusRoles.Admin) || principal.IsInRole(OpsBusRoles.Operator) || principal.IsInRole(OpsBusRoles.Approver);

    public static ClaimsPrincipal CreateCaller(string name, IEnumerable<string> roles, string authenticationType)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name) };
        claims.AddRange(roles.Select(role => new Claim(ClaimTypes.Role, role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }
}

namespace OpsBus.ServiceDefaults.Security;

/// <summary>The roles an API key carries, from least to most.</summary>
public static class OpsBusRoles
{
    /// <summary>Creates, cancels and retries its own runs; sees only its own runs.</summary>
    public const string Operator = "operator";

    /// <summary>An operator who may also approve risky runs.</summary>
    public const string Approver = "approver";

    /// <summary>Reads everything, changes nothing.</summary>
    public const string Auditor = "auditor";

    /// <summary>Everything, including API keys.</summary>
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Operator, Approver, Auditor, Admin];

    public static bool IsValid(string? role) => role is not null && All.Contains(role);
}

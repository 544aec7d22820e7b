namespace OpsBus.Gateway.Audit;

/// <summary>
/// One state-changing API call as the audit log keeps it: who, what, when, from where. Never a body, a key or a query
/// string: only the route, the ids in its path and the status it was answered with.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Grows with each entry: the order of the log and the cursor of its pages.</summary>
    public long Id { get; set; }

    public DateTime At { get; set; }

    /// <summary>The caller's name, or <c>anonymous</c> for a call without a valid key.</summary>
    public string Caller { get; set; } = "";

    /// <summary>The caller's roles, comma-separated.</summary>
    public string Roles { get; set; } = "";

    /// <summary>The method and route pattern, e.g. <c>POST /api/runs/{id}/cancel</c>; the path when no route matched.</summary>
    public string Action { get; set; } = "";

    /// <summary>The values of the route's parameters as JSON, e.g. <c>{"id":"…"}</c>.</summary>
    public string RouteValues { get; set; } = "{}";

    public int Status { get; set; }

    /// <summary><c>approve</c> or <c>reject</c> for an approval decision.</summary>
    public string? Decision { get; set; }

    public string? RemoteIp { get; set; }

    public string? UserAgent { get; set; }

    public string? TraceId { get; set; }
}

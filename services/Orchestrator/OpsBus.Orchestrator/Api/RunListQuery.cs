using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Runs;
using OpsBus.ServiceDefaults.Security;

namespace OpsBus.Orchestrator.Api;

/// <summary>
/// The filters of <c>GET /api/runs</c>, parsed and checked (one error per bad parameter), and the query they make:
/// newest first, the id breaking ties, resumed after a cursor. Written in LINQ that PostgreSQL and SQLite both translate.
/// </summary>
internal sealed record RunListQuery(
    IReadOnlyList<string> Statuses, string? Lane, string? Template, string? SessionId, string? Text, int Limit, RunCursor? After)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static IReadOnlyList<string> KnownStatuses { get; } =
    [
        RunStatuses.AwaitingApproval, RunStatuses.Queued, RunStatuses.Claimed, RunStatuses.Running, RunStatuses.Cancelling,
        RunStatuses.Succeeded, RunStatuses.Failed, RunStatuses.Cancelled,
    ];

    public static RunListQuery? Parse(
        string? status, string? lane, string? template, string? sessionId, string? q, string? limit, string? cursor, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var statuses = (status ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (statuses.FirstOrDefault(s => !KnownStatuses.Contains(s)) is { } unknown)
            errors["status"] = [$"Unknown status '{unknown}'; one of {string.Join(", ", KnownStatuses)}."];
        if (lane is not null && !Lanes.IsValid(lane))
            errors["lane"] = ["A lane is 1 to 32 letters, digits, '-' or '_'."];
        if (q is { Length: > 200 })
            errors["q"] = ["At most 200 characters."];

        var pageSize = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxLimit))
            errors["limit"] = [$"A number from 1 to {MaxLimit}."];

        RunCursor? after = null;
        if (cursor is not null)
        {
            if (RunCursor.TryDecode(cursor, out var decoded))
                after = decoded;
            else
                errors["cursor"] = ["Not a cursor this API returned."];
        }

        return errors.Count > 0
            ? null
            : new RunListQuery(statuses, lane, NullIfEmpty(template), NullIfEmpty(sessionId), NullIfEmpty(q?.Trim()), pageSize, after);
    }

    /// <summary>One more run than the page holds, so the caller knows whether there is a next page.</summary>
    public IQueryable<RunState> Apply(IQueryable<RunState> runs, ClaimsPrincipal caller)
    {
        if (!caller.SeesEverything())
        {
            var name = caller.CallerName();
            runs = runs.Where(r => r.RequestedBy == name);
        }
        if (Statuses.Count > 0)
        {
            var statuses = Statuses.ToList();
            runs = runs.Where(r => statuses.Contains(r.Status));
        }
        if (Lane is not null)
            runs = runs.Where(r => r.Lane == Lane);
        if (Template is not null)
            runs = runs.Where(r => r.Template == Template);
        if (SessionId is not null)
            runs = runs.Where(r => r.SessionId == SessionId);
        if (Text is not null)
        {
            var text = Text.ToLowerInvariant();
            runs = runs.Where(r =>
                r.CorrelationId.ToString().ToLower().StartsWith(text)
                || (r.Template != null && r.Template.ToLower().Contains(text))
                || (r.Environment != null && r.Environment.ToLower().Contains(text))
                || (r.Error != null && r.Error.ToLower().Contains(text)));
        }
        if (After is { } after)
        {
            runs = runs.Where(r => r.CreatedAt < after.CreatedAt || (r.CreatedAt == after.CreatedAt && r.CorrelationId.CompareTo(after.Id) < 0));
        }
        return runs.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.CorrelationId).Take(Limit + 1);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

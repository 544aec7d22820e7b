using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using OpsBus.Gateway.Persistence;

namespace OpsBus.Gateway.Audit;

/// <summary>
/// <c>GET /api/audit</c>: the audit log, newest first, a page at a time, filtered by time, caller and action;
/// <c>GET /api/audit/export</c>: the same entries, oldest first, streamed as JSON lines. Auditors and admins only.
/// </summary>
public static class AuditApi
{
    public const string AuditorPolicy = "opsbus-auditor";
    public const string JsonLines = "application/x-ndjson";

    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(AuditorPolicy);
        audit.MapGet("", List).WithSummary("The audit log, newest first: from, to, caller, action (a substring of e.g. 'POST /api/runs'), cursor, limit.");
        audit.MapGet("/export", Export).WithSummary("The audit log as JSON lines, oldest first, with the same filters.");
        return audit;
    }

    private static async Task<Results<Ok<AuditPage>, ValidationProblem>> List(
        GatewayDbContext db, string? from, string? to, string? caller, string? action, string? cursor, string? limit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var query = Filtered(db, from, to, caller, action, errors);
        long? before = null;
        if (cursor is not null)
        {
            if (long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                before = id;
            else
                errors["cursor"] = ["The nextCursor of an earlier page."];
        }
        var pageSize = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxLimit))
            errors["limit"] = [$"A number from 1 to {MaxLimit}."];
        if (errors.Count > 0 || query is null)
            return TypedResults.ValidationProblem(errors);

        if (before is { } last)
            query = query.Where(e => e.Id < last);
        var page = await query.OrderByDescending(e => e.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
        var next = page.Count > pageSize ? page[pageSize - 1].Id.ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new AuditPage(page.Take(pageSize).Select(AuditRecord.Of).ToList(), next));
    }

    private static async Task<Results<EmptyHttpResult, ValidationProblem>> Export(
        HttpContext http, GatewayDbContext db, string? from, string? to, string? caller, string? action, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var query = Filtered(db, from, to, caller, action, errors);
        if (query is null)
            return TypedResults.ValidationProblem(errors);

        http.Response.ContentType = JsonLines;
        await foreach (var entry in query.OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            await JsonSerializer.SerializeAsync(http.Response.Body, AuditRecord.Of(entry), Json, cancellationToken);
            await http.Response.Body.WriteAsync("\n"u8.ToArray(), cancellationToken);
        }
        return TypedResults.Empty;
    }

    /// <summary>The entries matching the filters, or null (with <paramref name="errors"/> filled) when one is malformed.</summary>
    private static IQueryable<AuditEntry>? Filtered(
        GatewayDbContext db, string? from, string? to, string? caller, string? action, Dictionary<string, string[]> errors)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (from is not null)
        {
            if (ParseTime(from) is { } after)
                query = query.Where(e => e.At >= after);
            else
                errors["from"] = ["An ISO 8601 date and time, e.g. 2026-01-31T12:00:00Z."];
        }
        if (to is not null)
        {
            if (ParseTime(to) is { } before)
                query = query.Where(e => e.At < before);
            else
                errors["to"] = ["An ISO 8601 date and time, e.g. 2026-01-31T12:00:00Z."];
        }
        if (caller is not null)
            query = query.Where(e => e.Caller == caller);
        if (action is not null)
            query = query.Where(e => e.Action.Contains(action));
        return errors.Count > 0 ? null : query;
    }

    private static DateTime? ParseTime(string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time.UtcDateTime : null;
}

/// <summary>One entry of <c>GET /api/audit</c> and one line of its export.</summary>
public sealed record AuditRecord(
    long Id, DateTime At, string Caller, IReadOnlyList<string> Roles, string Action, JsonElement RouteValues, int Status, string? Decision,
    string? RemoteIp, string? UserAgent, string? TraceId)
{
    public static AuditRecord Of(AuditEntry entry) => new(
        entry.Id, entry.At, entry.Caller, entry.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries), entry.Action,
        JsonSerializer.Deserialize<JsonElement>(entry.RouteValues), entry.Status, entry.Decision, entry.RemoteIp, entry.UserAgent, entry.TraceId);
}

/// <summary>The body of <c>GET /api/audit</c>.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRecord> Items, string? NextCursor);

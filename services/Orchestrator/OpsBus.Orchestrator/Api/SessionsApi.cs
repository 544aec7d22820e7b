using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Persistence;
using OpsBus.Orchestrator.SessionLanes;
using OpsBus.ServiceDefaults.Security;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace OpsBus.Orchestrator.Api;

/// <summary>
/// <c>/api/sessions</c>: named sets of lanes in which one run at a time executes per lane. A session belongs to its
/// creator; auditors and admins see every session. Archiving closes it to new runs.
/// </summary>
public static class SessionsApi
{
    private const int MaxLanes = 32;

    public static RouteGroupBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var sessions = app.MapGroup("/api/sessions").RequireAuthorization().WithTags("Sessions");
        sessions.MapPost("", CreateSession);
        sessions.MapGet("", ListSessions);
        sessions.MapGet("/{id}", GetSession);
        sessions.MapPost("/{id}/archive", ArchiveSession);
        return sessions;
    }

    private static async Task<Results<Created<SessionResponse>, ValidationProblem, ProblemHttpResult>> CreateSession(
        HttpRequest http, ClaimsPrincipal caller, OrchestratorDbContext db, TimeProvider clock, IOptions<HttpJsonOptions> json,
        CancellationToken cancellationToken)
    {
        if (!caller.MayOperate())
            return ApiProblems.Forbidden("Only operators, approvers and admins may create sessions.");
        var body = await JsonBody<CreateSessionRequest>.ReadAsync(http, json.Value.SerializerOptions, optional: false, cancellationToken);
        if (body.Refused is { } refused)
            return refused;
        if (body.Invalid is { } invalid)
            return invalid;
        var request = body.Value!;
        var errors = Validate(request);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var name = request.Name!.Trim();
        var session = new SessionRecord
        {
            Id = request.Id ?? SessionIds.NewFrom(name),
            Name = name,
            Lanes = request.Lanes?.Select(l => l!).ToList() ?? [.. Lanes.Default],
            CreatedBy = caller.CallerName(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        if (await db.Sessions.AnyAsync(s => s.Id == session.Id, cancellationToken))
            return ApiProblems.Conflict($"Session '{session.Id}' already exists.");
        db.Sessions.Add(session);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return ApiProblems.Conflict($"Session '{session.Id}' already exists.");
        }
        return TypedResults.Created($"/api/sessions/{session.Id}", SessionResponse.Of(session));
    }

    private static async Task<Ok<SessionList>> ListSessions(ClaimsPrincipal caller, OrchestratorDbContext db, CancellationToken cancellationToken)
    {
        var sessions = db.Sessions.AsNoTracking();
        if (!caller.SeesEverything())
        {
            var name = caller.CallerName();
            sessions = sessions.Where(s => s.CreatedBy == name);
        }
        var items = await sessions.OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(new SessionList(items.Select(SessionResponse.Of).ToList()));
    }

    private static async Task<Results<Ok<SessionDetails>, ProblemHttpResult>> GetSession(
        string id, ClaimsPrincipal caller, OrchestratorDbContext db, RunSnapshots snapshots, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (session is null || !caller.MaySee(session.CreatedBy))
            return ApiProblems.SessionNotFound(id);

        var laneKeys = session.Lanes.Select(lane => SessionLaneKey.For(session.Id, lane)).ToList();
        var activeIds = await db.SessionLanes.AsNoTracking()
            .Where(l => laneKeys.Contains(l.CorrelationId) && l.ActiveRunId != null)
            .Select(l => l.ActiveRunId!.Value)
            .ToListAsync(cancellationToken);
        var activeRows = await db.Runs.AsNoTracking().Where(r => activeIds.Contains(r.CorrelationId)).ToListAsync(cancellationToken);
        var active = (await snapshots.OfAsync(activeRows, cancellationToken))
            .Where(run => !RunStatuses.IsTerminal(run.Status) && caller.MaySee(run.RequestedBy))
            .ToList();
        var queued = await db.Runs.AsNoTracking()
            .Where(r => r.SessionId == session.Id && r.Status == RunStatuses.Queued && !activeIds.Contains(r.CorrelationId))
            .GroupBy(r => r.Lane)
            .Select(g => new { Lane = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var lanes = session.Lanes
            .Select(lane => new SessionLaneStatus(
                lane,
                queued.Where(q => string.Equals(q.Lane, lane, StringComparison.OrdinalIgnoreCase)).Sum(q => q.Count),
                active.FirstOrDefault(run => string.Equals(run.Lane, lane, StringComparison.OrdinalIgnoreCase))))
            .ToList();
        return TypedResults.Ok(new SessionDetails(
            session.Id, session.Name, session.Lanes, session.CreatedBy, session.CreatedAt, session.ArchivedAt, lanes));
    }

    private static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> ArchiveSession(
        string id, ClaimsPrincipal caller, OrchestratorDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!caller.MayOperate())
            return ApiProblems.Forbidden("Only operators, approvers and admins may archive sessions.");
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (session is null || !caller.MaySee(session.CreatedBy))
            return ApiProblems.SessionNotFound(id);
        if (session.ArchivedAt is null)
        {
            session.ArchivedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }
        return TypedResults.Ok(SessionResponse.Of(session));
    }

    private static Dictionary<string, string[]> Validate(CreateSessionRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name))
            errors["name"] = ["Required."];
        else if (request.Name.Trim().Length > SessionIds.MaxNameLength)
            errors["name"] = [$"At most {SessionIds.MaxNameLength} characters."];
        if (request.Id is not null && !SessionIds.IsValid(request.Id))
            errors["id"] = [$"1 to {SessionIds.MaxLength} lower-case letters, digits or '-', starting with a letter or digit."];
        if (request.Lanes is { } lanes)
        {
            if (lanes.Count is 0 or > MaxLanes)
                errors["lanes"] = [$"From 1 to {MaxLanes} lanes."];
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < lanes.Count && lanes.Count <= MaxLanes; i++)
            {
                if (!Lanes.IsValid(lanes[i]))
                    errors.TryAdd($"lanes[{i}]", ["A lane is 1 to 32 letters, digits, '-' or '_'."]);
                else if (!seen.Add(lanes[i]!))
                    errors.TryAdd($"lanes[{i}]", [$"Lane '{lanes[i]}' is listed twice."]);
            }
        }
        return errors;
    }
}

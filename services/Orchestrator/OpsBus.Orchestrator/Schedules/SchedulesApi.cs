using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Api;
using OpsBus.Orchestrator.Persistence;
using OpsBus.ServiceDefaults.Security;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace OpsBus.Orchestrator.Schedules;

/// <summary>
/// <c>/api/schedules</c>: recurring runs of a template with fixed parameters on a cron expression in a time zone.
/// Operators and up manage their own; auditors and admins see all.
/// </summary>
public static class SchedulesApi
{
    private const int UpcomingShown = 5;

    public static RouteGroupBuilder MapSchedulesApi(this IEndpointRouteBuilder app)
    {
        var schedules = app.MapGroup("/api/schedules").RequireAuthorization().WithTags("Schedules");
        schedules.MapGet("", List);
        schedules.MapPost("", Create);
        schedules.MapGet("/{id}", Get);
        schedules.MapPut("/{id}", Replace);
        schedules.MapDelete("/{id}", Delete);
        return schedules;
    }

    private static async Task<Ok<SchedulePage>> List(ClaimsPrincipal caller, OrchestratorDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var all = await db.Schedules.AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return TypedResults.Ok(new SchedulePage(all.Where(s => caller.MaySee(s.CreatedBy)).Select(s => View(s, now)).ToList()));
    }

    private static async Task<Results<Ok<ScheduleView>, ProblemHttpResult>> Get(
        string id, ClaimsPrincipal caller, OrchestratorDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var schedule = await FindAsync(id, caller, db, cancellationToken);
        return schedule is null ? NotFound(id) : TypedResults.Ok(View(schedule, clock.GetUtcNow().UtcDateTime));
    }

    private static async Task<Results<Created<ScheduleView>, ValidationProblem, ProblemHttpResult>> Create(
        HttpRequest http, ClaimsPrincipal caller, OrchestratorDbContext db, ScheduledRuns runs, ScheduleTicks ticks, TimeProvider clock,
        IOptions<HttpJsonOptions> json, CancellationToken cancellationToken)
    {
        if (!caller.MayOperate())
            return ApiProblems.Forbidden("Only operators, approvers and admins may create schedules.");
        var (request, invalid, refused) = await ReadValidAsync(http, runs, json.Value, cancellationToken);
        if (refused is not null)
            return refused;
        if (invalid is not null)
            return invalid;

        var now = clock.GetUtcNow().UtcDateTime;
        var schedule = new RunScheduleRecord { Id = MassTransit.NewId.NextGuid(), CreatedBy = caller.CallerName(), CreatedAt = now };
        Apply(schedule, request!, now);
        db.Schedules.Add(schedule);
        await db.SaveChangesAsync(cancellationToken);
        if (schedule.NextFireAt is { } first)
            await ticks.PlanAsync(schedule.Id, first, schedule.Generation, cancellationToken);
        return TypedResults.Created($"/api/schedules/{schedule.Id}", View(schedule, now));
    }

    private static async Task<Results<Ok<ScheduleView>, ValidationProblem, ProblemHttpResult>> Replace(
        string id, HttpRequest http, ClaimsPrincipal caller, OrchestratorDbContext db, ScheduledRuns runs, ScheduleTicks ticks, TimeProvider clock,
        IOptions<HttpJsonOptions> json, CancellationToken cancellationToken)
    {
        if (!caller.MayOperate())
            return ApiProblems.Forbidden("Only operators, approvers and admins may change schedules.");
        var schedule = await FindAsync(id, caller, db, cancellationToken, tracked: true);
        if (schedule is null)
            return NotFound(id);
        var (request, invalid, refused) = await ReadValidAsync(http, runs, json.Value, cancellationToken);
        if (refused is not null)
            return refused;
        if (invalid is not null)
            return invalid;

        var now = clock.GetUtcNow().UtcDateTime;
        Apply(schedule, request!, now);
        schedule.Generation++;
        schedule.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiProblems.Conflict($"Schedule {id} changed meanwhile; read it again.");
        }

        if (schedule.NextFireAt is { } next)
            await ticks.PlanAsync(schedule.Id, next, schedule.Generation, cancellationToken);
        return TypedResults.Ok(View(schedule, now));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string id, ClaimsPrincipal caller, OrchestratorDbContext db, CancellationToken cancellationToken)
    {
        if (!caller.MayOperate())
            return ApiProblems.Forbidden("Only operators, approvers and admins may delete schedules.");
        var schedule = await FindAsync(id, caller, db, cancellationToken, tracked: true);
        if (schedule is null)
            return NotFound(id);
        db.Schedules.Remove(schedule);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The body, parsed and checked; or what to answer instead (400 naming the fields, 413).</summary>
    private static async Task<(ScheduleRequest? Request, ValidationProblem? Invalid, ProblemHttpResult? Refused)> ReadValidAsync(
        HttpRequest http, ScheduledRuns runs, HttpJsonOptions json, CancellationToken cancellationToken)
    {
        var body = await JsonBody<ScheduleRequest>.ReadAsync(http, json.SerializerOptions, optional: false, cancellationToken);
        if (body.Refused is not null || body.Invalid is not null)
            return (null, body.Invalid, body.Refused);
        if (await runs.ValidateAsync(body.Value!, cancellationToken) is { Count: > 0 } errors)
            return (null, TypedResults.ValidationProblem(errors), null);
        return (body.Value, null, null);
    }

    private static void Apply(RunScheduleRecord schedule, ScheduleRequest request, DateTime now)
    {
        schedule.Name = request.Name!.Trim();
        schedule.Template = request.Template!;
        schedule.ParametersJson = JsonSerializer.Serialize(request.Params ?? new Dictionary<string, JsonElement>());
        schedule.Environment = request.Environment;
        schedule.Lane = request.Lane;
        schedule.Cron = request.Cron!.Trim();
        schedule.TimeZone = string.IsNullOrWhiteSpace(request.TimeZone) ? "UTC" : request.TimeZone.Trim();
        schedule.Enabled = request.Enabled ?? true;
        schedule.UpdatedAt = now;
        schedule.NextFireAt = ScheduleTicks.NextAfter(schedule, now);
    }

    private static ScheduleView View(RunScheduleRecord schedule, DateTime now)
    {
        var upcoming = schedule.Enabled && CronSchedule.TryParse(schedule.Cron, schedule.TimeZone, out var cron, out _, out _)
            ? cron!.Upcoming(schedule.NextFireAt is { } next && next > now ? next.AddTicks(-1) : now, UpcomingShown)
            : [];
        return new ScheduleView(schedule.Id, schedule.Name, schedule.Template,
            JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(schedule.ParametersJson) ?? [],
            schedule.Environment, schedule.Lane, schedule.Cron, schedule.TimeZone, schedule.Enabled, schedule.CreatedBy,
            schedule.CreatedAt, schedule.UpdatedAt, upcoming, schedule.LastFiredAt, schedule.LastRunId, schedule.LastError);
    }

    private static async Task<RunScheduleRecord?> FindAsync(string id, ClaimsPrincipal caller, OrchestratorDbContext db, CancellationToken cancellationToken, bool tracked = false)
    {
        if (!Guid.TryParse(id, out var scheduleId))
            return null;
        var query = tracked ? db.Schedules : db.Schedules.AsNoTracking();
        var schedule = await query.SingleOrDefaultAsync(s => s.Id == scheduleId, cancellationToken);
        return schedule is not null && caller.MaySee(schedule.CreatedBy) ? schedule : null;
    }

    private static ProblemHttpResult NotFound(string id) => ApiProblems.Status(StatusCodes.Status404NotFound, $"No schedule '{id}'.");
}

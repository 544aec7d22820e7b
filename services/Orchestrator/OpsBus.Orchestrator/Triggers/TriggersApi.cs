using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpsBus.Orchestrator.Api;
using OpsBus.Orchestrator.Persistence;
using OpsBus.ServiceDefaults.Security;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace OpsBus.Orchestrator.Triggers;

/// <summary>
/// <c>/api/triggers</c>: admins manage the rules that turn GitHub deliveries into runs, and read what each rule did with
/// the deliveries it matched (<c>/api/triggers/{id}/deliveries</c>).
/// </summary>
public static class TriggersApi
{
    private const int DeliveriesShown = 100;

    public static RouteGroupBuilder MapTriggersApi(this IEndpointRouteBuilder app)
    {
        var triggers = app.MapGroup("/api/triggers").RequireAuthorization().WithTags("Triggers");
        triggers.MapGet("", List);
        triggers.MapPost("", Create);
        triggers.MapGet("/{id}", Get);
        triggers.MapPut("/{id}", Replace);
        triggers.MapDelete("/{id}", Delete);
        triggers.MapGet("/{id}/deliveries", Deliveries);
        return triggers;
    }

    private static async Task<Results<Ok<TriggerPage>, ProblemHttpResult>> List(ClaimsPrincipal caller, OrchestratorDbContext db, CancellationToken cancellationToken)
    {
        if (!IsAdmin(caller))
            return AdminsOnly();
        var all = await db.Triggers.AsNoTracking().OrderBy(t => t.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(new TriggerPage(all.Select(View).ToList()));
    }

    private static async Task<Results<Ok<TriggerView>, ProblemHttpResult>> Get(string id, ClaimsPrincipal caller, OrchestratorDbContext db, CancellationToken cancellationToken)
    {
        if (!IsAdmin(caller))
            return AdminsOnly();
        return await FindAsync(id, db, cancellationToken) is { } trigger ? TypedResults.Ok(View(trigger)) : NotFound(id);
    }

    private static async Task<Results<Created<TriggerView>, ValidationProblem, ProblemHttpResult>> Create(
        HttpRequest http, ClaimsPrincipal caller, OrchestratorDbContext db, TriggerRules rules, TimeProvider clock,
        IOptions<HttpJsonOptions> json, CancellationToken cancellationToken)
    {
        if (!IsAdmin(caller))
            return AdminsOnly();
        var (request, invalid, refused) = await ReadValidAsync(http, rules, json.Value, cancellationToken);
        if (refused is not null)
            return refused;
        if (invalid is not null)
            return invalid;

        var now = clock.GetUtcNow().UtcDateTime;
        var trigger = new TriggerRecord { Id = MassTransit.NewId.NextGuid(), CreatedBy = caller.CallerName(), CreatedAt = now };
        Apply(trigger, request!, now);
        db.Triggers.Add(trigger);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/triggers/{trigger.Id}", View(trigger));
    }

    private static async Task<Results<Ok<TriggerView>, ValidationProblem, ProblemHttpResult>> Replace(
        string id, HttpRequest http, ClaimsPrincipal caller, OrchestratorDbContext db, TriggerRules rules, TimeProvider clock,
        IOptions<HttpJsonOptions> json, CancellationToken cancellationToken)
    {
        if (!IsAdmin(caller))
            return AdminsOnly();
        var trigger = await FindAsync(id, db, cancellationToken, tracked: true);
        if (trigger is null)
            return NotFound(id);
        var (request, invalid, refused) = await ReadValidAsync(http, rules, json.Value, cancellationToken);
        if (refused is not null)
            return refused;
        if (invalid is not null)
            return invalid;

        Apply(trigger, request!, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(View(trigger));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, ClaimsPrincipal caller, OrchestratorDbContext db, CancellationToken cancellationToken)
    {
        if (!IsAdmin(caller))
            return AdminsOnly();
        var trigger = await FindAsync(id, db, cancellationToken, tracked: true);
        if (trigger is null)
            return NotFound(id);
        db.Triggers.Remove(trigger);
        await db.TriggerEvaluations.Where(e => e.TriggerId == trigger.Id).ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<TriggerDeliveryPage>, ProblemHttpResult>> Deliveries(
        string id, ClaimsPrincipal caller, OrchestratorDbContext db, CancellationToken cancellationToken)
    {
        if (!IsAdmin(caller))
            return AdminsOnly();
        if (await FindAsync(id, db, cancellationToken) is not { } trigger)
            return NotFound(id);
        var evaluations = await db.TriggerEvaluations.AsNoTracking()
            .Where(e => e.TriggerId == trigger.Id)
            .OrderByDescending(e => e.EvaluatedAt)
            .Take(DeliveriesShown)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new TriggerDeliveryPage(evaluations
            .Select(e => new TriggerDeliveryView(e.DeliveryId, e.Event, e.Action, e.Repository, e.Ref, e.Sha, e.EvaluatedAt, e.RunId, e.Error))
            .ToList()));
    }

    /// <summary>The body, parsed and checked; or what to answer instead (400 naming the fields, 413).</summary>
    private static async Task<(TriggerRequest? Request, ValidationProblem? Invalid, ProblemHttpResult? Refused)> ReadValidAsync(
        HttpRequest http, TriggerRules rules, HttpJsonOptions json, CancellationToken cancellationToken)
    {
        var body = await JsonBody<TriggerRequest>.ReadAsync(http, json.SerializerOptions, optional: false, cancellationToken);
        if (body.Refused is not null || body.Invalid is not null)
            return (null, body.Invalid, body.Refused);
        if (await rules.ValidateAsync(body.Value!, cancellationToken) is { Count: > 0 } errors)
            return (null, TypedResults.ValidationProblem(errors), null);
        return (body.Value, null, null);
    }

    private static void Apply(TriggerRecord trigger, TriggerRequest request, DateTime now)
    {
        trigger.Name = request.Name!.Trim();
        trigger.Repository = request.Repository!;
        trigger.Event = request.Event!;
        trigger.ActionsJson = JsonSerializer.Serialize(request.Actions is { Count: > 0 } actions ? actions : GitHubEvents.DefaultActions(request.Event!));
        trigger.BranchesJson = JsonSerializer.Serialize(request.Branches ?? []);
        trigger.Template = request.Template!;
        trigger.ParametersJson = JsonSerializer.Serialize(request.Params ?? new Dictionary<string, JsonElement>());
        trigger.Environment = request.Environment;
        trigger.Lane = request.Lane;
        trigger.SessionId = request.SessionId;
        trigger.Enabled = request.Enabled ?? true;
        trigger.UpdatedAt = now;
    }

    private static TriggerView View(TriggerRecord trigger) =>
        new(trigger.Id, trigger.Name, trigger.Repository, trigger.Event, TriggerRules.ActionsOf(trigger), TriggerRules.BranchesOf(trigger),
            trigger.Template, TriggerRules.ParametersOf(trigger), trigger.Environment, trigger.Lane, trigger.SessionId, trigger.Enabled,
            trigger.CreatedBy, trigger.CreatedAt, trigger.UpdatedAt);

    private static async Task<TriggerRecord?> FindAsync(string id, OrchestratorDbContext db, CancellationToken cancellationToken, bool tracked = false)
    {
        if (!Guid.TryParse(id, out var triggerId))
            return null;
        var query = tracked ? db.Triggers : db.Triggers.AsNoTracking();
        return await query.SingleOrDefaultAsync(t => t.Id == triggerId, cancellationToken);
    }

    private static bool IsAdmin(ClaimsPrincipal caller) => caller.IsInRole(OpsBusRoles.Admin);

    private static ProblemHttpResult AdminsOnly() => ApiProblems.Forbidden("Only admins may manage trigger rules.");

    private static ProblemHttpResult NotFound(string id) => ApiProblems.Status(StatusCodes.Status404NotFound, $"No trigger '{id}'.");
}

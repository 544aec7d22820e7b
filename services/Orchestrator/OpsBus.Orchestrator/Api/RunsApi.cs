using System.Security.Claims;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Persistence;
using OpsBus.Orchestrator.Templates;
using OpsBus.Runbooks.Templates;
using OpsBus.ServiceDefaults.Security;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace OpsBus.Orchestrator.Api;

/// <summary>
/// <c>/api/runs</c>: request, read, list, cancel and retry runs, and read their log. The host authenticates the caller
/// (API key at the gateway, signed internal headers behind it); this API only asks the principal who it is and what it may do.
/// </summary>
public static class RunsApi
{
    /// <summary>How long a cancel waits for a run accepted a moment ago to reach its saga.</summary>
    private static readonly TimeSpan AcceptanceGrace = TimeSpan.FromSeconds(5);

    public static RouteGroupBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/api/runs").RequireAuthorization().WithTags("Runs");
        runs.MapPost("", CreateRun);
        runs.MapGet("", ListRuns);
        runs.MapGet("/{id}", GetRun);
        runs.MapPost("/{id}/cancel", CancelRun);
        runs.MapPost("/{id}/retry", RetryRun);
        runs.MapGet("/{id}/events", ListEvents);
        runs.MapApprovals(app);
        return runs;
    }

    private static async Task<Results<Accepted<RunSnapshot>, ValidationProblem, ProblemHttpResult>> CreateRun(
        HttpRequest http, ClaimsPrincipal caller, OrchestratorDbContext db, RunAcceptance acceptance, TemplateRunPlanner templates,
        ApprovalPolicy approvals, TimeProvider clock, IOptions<HttpJsonOptions> json, CancellationToken cancellationToken)
    {
        if (!caller.MayOperate())
            return ApiProblems.Forbidden("Only operators, approvers and admins may request runs.");
        var idempotencyKey = IdempotencyKeys.Read(http, out var keyError);
        if (keyError is not null)
            return ApiProblems.Invalid(IdempotencyKeys.Header, keyError);

        var body = await JsonBody<CreateRunRequest>.ReadAsync(http, json.Value.SerializerOptions, optional: false, cancellationToken);
        if (body.Refused is { } refused)
            return refused;
        if (body.Invalid is { } invalid)
            return invalid;
        var request = body.Value!;
        var errors = RunRequestValidation.Validate(request);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        TemplateRunPlan? fromTemplate = null;
        if (request.Template is { } slug)
        {
            var planning = await templates.PlanAsync(slug, request.Params, request.Environment, cancellationToken);
            if (planning.Errors is { } templateErrors)
                return TypedResults.ValidationProblem(templateErrors.ToDictionary());
            if (planning.Unavailable is { } unavailable)
                return ApiProblems.Status(StatusCodes.Status503ServiceUnavailable, unavailable);
            fromTemplate = planning.Plan!;
        }

        var callerName = caller.CallerName();
        // A template's secret parameters are hashed as keyed digests, never as their values.
        var requestHash = IdempotencyKeys.Hash(
            fromTemplate is null ? request : request with { Params = fromTemplate.IdempotencyParams.ToDictionary() },
            json.Value.SerializerOptions);
        // A key seen before is found by recording the request (its unique index answers), not by a query first: a new
        // request, the usual case, costs the orchestrator one statement. Refusals below look for an earlier answer,
        // so that a repeated request is answered as it was the first time even if its session has changed since.
        async Task<Results<Accepted<RunSnapshot>, ValidationProblem, ProblemHttpResult>> RefuseUnlessRepeated(
            Results<Accepted<RunSnapshot>, ValidationProblem, ProblemHttpResult> refusal) =>
            idempotencyKey is not null && await acceptance.FindEarlierAsync(callerName, idempotencyKey, requestHash, cancellationToken) is { } earlier
                ? Answer(earlier)
                : refusal;

        var lane = request.Lane ?? fromTemplate?.Template.Template.DefaultLane ?? RunRequestValidation.DefaultLane;
        if (request.SessionId is { } sessionId)
        {
            var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
            if (session is null || !caller.MaySee(session.CreatedBy))
                return await RefuseUnlessRepeated(ApiProblems.Invalid("sessionId", $"No session '{sessionId}'."));
            if (session.Lanes.FirstOrDefault(l => string.Equals(l, lane, StringComparison.OrdinalIgnoreCase)) is not { } sessionLane)
                return await RefuseUnlessRepeated(ApiProblems.Invalid("lane", $"Session '{sessionId}' has no lane '{lane}'; its lanes are {string.Join(", ", session.Lanes)}."));
            if (session.ArchivedAt is not null)
                return await RefuseUnlessRepeated(ApiProblems.Conflict($"Session '{sessionId}' is archived and accepts no new runs."));
            lane = sessionLane;
        }

        var run = new RunRequested(
            NewId.NextGuid(),
            null,
            Lane: lane,
            SessionId: request.SessionId,
            Priority: request.Priority ?? 0,
            MaxAttempts: request.MaxAttempts,
            HeartbeatTimeoutSeconds: request.HeartbeatTimeoutSeconds,
            RequestedBy: callerName,
            IdempotencyKey: idempotencyKey,
            RequestedAt: clock.GetUtcNow().UtcDateTime);
        return Answer(await acceptance.AcceptAsync(
            fromTemplate is null ? WithInlinePlan(run, request, approvals) : WithTemplate(run, fromTemplate),
            requestHash,
            cancellationToken));
    }

    private static RunRequested WithTemplate(RunRequested run, TemplateRunPlan plan) => run with
    {
        Plan = plan.Rendered.Plan,
        Template = plan.Template.Template.Slug,
        TemplateVersion = plan.Template.Version,
        Parameters = plan.DisplayParameters,
        Environment = plan.Environment,
        PlanHash = plan.Rendered.PlanHash,
        Risk = plan.Template.Template.Risk,
        RequiresApproval = plan.RequiresApproval,
    };

    /// <summary>A plan sent as is: nobody declared its risk, so it counts as <see cref="ApprovalPolicy.InlinePlanRisk"/>.</summary>
    private static RunRequested WithInlinePlan(RunRequested run, CreateRunRequest request, ApprovalPolicy approvals)
    {
        var plan = RunRequestValidation.ToPlan(request.Plan!);
        return run with
        {
            Plan = plan,
            Environment = request.Environment,
            PlanHash = PlanHasher.Hash(null, null, request.Environment, new Dictionary<string, JsonElement>(), plan),
            Risk = ApprovalPolicy.InlinePlanRisk,
            RequiresApproval = approvals.Requires(ApprovalPolicy.InlinePlanRisk, request.Environment),
        };
    }

    private static async Task<Results<Ok<RunSnapshot>, ProblemHttpResult>> GetRun(
        string id, ClaimsPrincipal caller, RunSnapshots snapshots, CancellationToken cancellationToken)
    {
        var run = Guid.TryParse(id, out var runId) ? await snapshots.FindAsync(runId, cancellationToken) : null;
        return run is not null && caller.MaySee(run.RequestedBy) ? TypedResults.Ok(run) : ApiProblems.RunNotFound(id);
    }

    private static async Task<Results<Ok<RunPage>, ValidationProblem>> ListRuns(
        ClaimsPrincipal caller, OrchestratorDbContext db, RunSnapshots snapshots, string? status, string? lane, string? template,
        string? sessionId, string? q, string? limit, string? cursor, CancellationToken cancellationToken)
    {
        var query = RunListQuery.Parse(status, lane, template, sessionId, q, limit, cursor, out var errors);
        if (query is null)
            return TypedResults.ValidationProblem(errors);

        var page = await query.Apply(db.Runs.AsNoTracking(), caller).ToListAsync(cancellationToken);
        var more = page.Count > query.Limit;
        if (more)
            page.RemoveAt(page.Count - 1);
        var next = more ? new RunCursor(page[^1].CreatedAt, page[^1].CorrelationId).Encode() : null;
        return TypedResults.Ok(new RunPage(await snapshots.OfAsync(page, cancellationToken), next));
    }

    private static async Task<Results<Accepted<RunSnapshot>, ValidationProblem, ProblemHttpResult>> CancelRun(
        string id, HttpRequest http, ClaimsPrincipal caller, OrchestratorDbContext db, RunSnapshots snapshots, IPublishEndpoint publish,
        IOptions<HttpJsonOptions> json, CancellationToken cancellationToken)
    {
        if (!caller.MayOperate())
            return ApiProblems.Forbidden("Only operators, approvers and admins may cancel runs.");
        if (!Guid.TryParse(id, out var runId))
            return ApiProblems.RunNotFound(id);
        var body = await JsonBody<CancelRunRequest>.ReadAsync(http, json.Value.SerializerOptions, optional: true, cancellationToken);
        if (body.Refused is { } refused)
            return refused;
        if (body.Invalid is { } invalid)
            return invalid;
        if (body.Value?.Reason is { Length: > RunRequestValidation.MaxReasonLength })
            return ApiProblems.Invalid("reason", $"At most {RunRequestValidation.MaxReasonLength} characters.");

        var run = await snapshots.FindAsync(runId, cancellationToken);
        if (run is null || !caller.MaySee(run.RequestedBy))
            return ApiProblems.RunNotFound(id);
        if (RunStatuses.IsTerminal(run.Status))
            return ApiProblems.Conflict($"Run {runId} is already {run.Status}.");
        // The saga drops a cancel for a run it has not stored yet: give a run accepted a moment ago the time to get there.
        if (!await SagaStoredAsync(db, runId, cancellationToken))
            return ApiProblems.Conflict($"Run {runId} is still being accepted; try again.");

        await publish.Publish(new CancelRun(runId, caller.CallerName(), body.Value?.Reason), cancellationToken);
        return TypedResults.Accepted($"/api/runs/{runId}", await snapshots.FindAsync(runId, cancellationToken) ?? run);
    }

    private static async Task<Results<Accepted<RunSnapshot>, ValidationProblem, ProblemHttpResult>> RetryRun(
        string id, HttpRequest http, ClaimsPrincipal caller, OrchestratorDbContext db, RunAcceptance acceptance, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!caller.MayOperate())
            return ApiProblems.Forbidden("Only operators, approvers and admins may retry runs.");
        var idempotencyKey = IdempotencyKeys.Read(http, out var keyError);
        if (keyError is not null)
            return ApiProblems.Invalid(IdempotencyKeys.Header, keyError);
        if (!Guid.TryParse(id, out var runId))
            return ApiProblems.RunNotFound(id);

        var original = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.CorrelationId == runId, cancellationToken);
        if (original is null)
        {
            var accepted = await db.RunRequests.AsNoTracking().SingleOrDefaultAsync(r => r.RunId == runId, cancellationToken);
            return accepted is not null && caller.MaySee(accepted.RequestedBy)
                ? ApiProblems.Conflict($"Run {runId} has not finished; only a finished run can be retried.")
                : ApiProblems.RunNotFound(id);
        }
        if (!caller.MaySee(original.RequestedBy))
            return ApiProblems.RunNotFound(id);
        if (!RunStatuses.IsTerminal(original.Status))
            return ApiProblems.Conflict($"Run {runId} is {original.Status}; only a finished run can be retried.");

        var callerName = caller.CallerName();
        var requestHash = IdempotencyKeys.Hash(new { retryOf = runId }, RunSnapshots.Json);
        if (idempotencyKey is not null && await acceptance.FindEarlierAsync(callerName, idempotencyKey, requestHash, cancellationToken) is { } earlier)
            return Answer(earlier);

        if (JsonSerializer.Deserialize<RunPlan>(original.PlanJson, RunSnapshots.Json) is not { } plan)
            return ApiProblems.Conflict($"Run {runId} has no plan to run again.");
        if (original.SessionId is { } sessionId
            && await db.Sessions.AsNoTracking().AnyAsync(s => s.Id == sessionId && s.ArchivedAt != null, cancellationToken))
            return ApiProblems.Conflict($"Session '{sessionId}' is archived and accepts no new runs.");

        var retry = new RunRequested(
            NewId.NextGuid(),
            plan,
            original.Template,
            original.ParametersJson is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(original.ParametersJson, RunSnapshots.Json),
            original.Environment,
            original.Lane,
            original.SessionId,
            original.Priority,
            original.MaxAttempts,
            original.HeartbeatTimeoutSeconds,
            callerName,
            idempotencyKey,
            clock.GetUtcNow().UtcDateTime,
            RetryOf: runId,
            TemplateVersion: original.TemplateVersion,
            PlanHash: original.PlanHash,
            Risk: original.Risk,
            RequiresApproval: original.RequiresApproval);
        return Answer(await acceptance.AcceptAsync(retry, requestHash, cancellationToken));
    }

    private static async Task<Results<Ok<RunEventPage>, ValidationProblem, ProblemHttpResult>> ListEvents(
        string id, ClaimsPrincipal caller, OrchestratorDbContext db, RunSnapshots snapshots, TimeProvider clock, string? afterSeq, string? limit,
        CancellationToken cancellationToken)
    {
        var query = RunEventQuery.Parse(afterSeq, limit, out var errors);
        if (query is null)
            return TypedResults.ValidationProblem(errors);

        var run = Guid.TryParse(id, out var runId) ? await snapshots.FindAsync(runId, cancellationToken) : null;
        if (run is null || !caller.MaySee(run.RequestedBy))
            return ApiProblems.RunNotFound(id);
        return TypedResults.Ok(await query.ReadAsync(db, runId, clock.GetUtcNow().UtcDateTime, cancellationToken));
    }

    private static Results<Accepted<RunSnapshot>, ValidationProblem, ProblemHttpResult> Answer(Acceptance acceptance) =>
        acceptance.Run is { } run ? TypedResults.Accepted($"/api/runs/{run.Id}", run) : ApiProblems.KeyReused();

    private static async Task<bool> SagaStoredAsync(OrchestratorDbContext db, Guid runId, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + AcceptanceGrace;
        while (!await db.Runs.AnyAsync(r => r.CorrelationId == runId, cancellationToken))
        {
            if (DateTime.UtcNow > until)
                return false;
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
        return true;
    }
}

using System.Security.Claims;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Persistence;
using OpsBus.ServiceDefaults.Security;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace OpsBus.Orchestrator.Api;

/// <summary>
/// Approvals of risky runs: <c>POST /api/runs/{id}/approve</c> and <c>/reject</c> (approvers and admins), and
/// <c>GET /api/approvals</c>, the runs waiting for one. The run saga has the last word; these answers are what it will do.
/// </summary>
public static class ApprovalsApi
{
    private const int MaxCommentLength = 1000;

    /// <summary>Adds the decision endpoints to the <c>/api/runs</c> group and maps <c>/api/approvals</c>.</summary>
    public static RouteGroupBuilder MapApprovals(this RouteGroupBuilder runs, IEndpointRouteBuilder app)
    {
        runs.MapPost("/{id}/approve", Approve);
        runs.MapPost("/{id}/reject", Reject);
        app.MapGet("/api/approvals", ListPending).RequireAuthorization().WithTags("Runs");
        return runs;
    }

    private static bool MayDecide(this ClaimsPrincipal caller) =>
        caller.IsInRole(OpsBusRoles.Approver) || caller.IsInRole(OpsBusRoles.Admin);

    private static async Task<Results<Accepted<RunSnapshot>, ValidationProblem, ProblemHttpResult>> Approve(
        string id, HttpRequest http, ClaimsPrincipal caller, RunSnapshots snapshots, IPublishEndpoint publish, TimeProvider clock,
        IOptions<HttpJsonOptions> json, CancellationToken cancellationToken)
    {
        var decision = await ReadDecisionAsync(id, http, caller, snapshots, json.Value, cancellationToken);
        if (decision.Problem is { } problem)
            return problem;
        if (decision.Invalid is { } invalid)
            return invalid;
        var (run, body) = (decision.Run!, decision.Body);

        if (body?.PlanHash is not { Length: > 0 } planHash)
            return ApiProblems.Invalid("planHash", "Required: the approval.planHash of the run you reviewed.");
        if (run.RequestedBy == caller.CallerName())
            return ApiProblems.Forbidden("A requester cannot approve its own run.");
        if (!string.Equals(run.Approval?.PlanHash, planHash, StringComparison.OrdinalIgnoreCase))
            return ApiProblems.Conflict("The plan hash does not match this run's plan: review the run again before approving it.");

        await publish.Publish(new ApproveRun(run.Id, caller.CallerName(), run.Approval!.PlanHash!, body.Comment, clock.GetUtcNow().UtcDateTime), cancellationToken);
        return TypedResults.Accepted($"/api/runs/{run.Id}", run);
    }

    private static async Task<Results<Accepted<RunSnapshot>, ValidationProblem, ProblemHttpResult>> Reject(
        string id, HttpRequest http, ClaimsPrincipal caller, RunSnapshots snapshots, IPublishEndpoint publish, TimeProvider clock,
        IOptions<HttpJsonOptions> json, CancellationToken cancellationToken)
    {
        var decision = await ReadDecisionAsync(id, http, caller, snapshots, json.Value, cancellationToken);
        if (decision.Problem is { } problem)
            return problem;
        if (decision.Invalid is { } invalid)
            return invalid;

        await publish.Publish(new RejectRun(decision.Run!.Id, caller.CallerName(), decision.Body?.Comment, clock.GetUtcNow().UtcDateTime), cancellationToken);
        return TypedResults.Accepted($"/api/runs/{decision.Run.Id}", decision.Run);
    }

    private static async Task<Ok<RunPage>> ListPending(ClaimsPrincipal caller, OrchestratorDbContext db, RunSnapshots snapshots, CancellationToken cancellationToken)
    {
        var pending = await db.Runs.AsNoTracking()
            .Where(r => r.Status == RunStatuses.AwaitingApproval)
            .OrderBy(r => r.CreatedAt)
            .Take(200)
            .ToListAsync(cancellationToken);
        // Approvers see every run waiting for a decision; other callers only their own.
        var visible = pending.Where(r => caller.MayDecide() || caller.MaySee(r.RequestedBy)).ToList();
        return TypedResults.Ok(new RunPage(await snapshots.OfAsync(visible, cancellationToken), null));
    }

    private static async Task<Decision> ReadDecisionAsync(
        string id, HttpRequest http, ClaimsPrincipal caller, RunSnapshots snapshots, HttpJsonOptions json, CancellationToken cancellationToken)
    {
        if (!caller.MayDecide())
            return new Decision(ApiProblems.Forbidden("Only approvers and admins may decide on approvals."));
        if (!Guid.TryParse(id, out var runId))
            return new Decision(ApiProblems.RunNotFound(id));
        var body = await JsonBody<ApprovalDecisionRequest>.ReadAsync(http, json.SerializerOptions, optional: true, cancellationToken);
        if (body.Refused is { } refused)
            return new Decision(refused);
        if (body.Invalid is { } invalidBody)
            return new Decision(null, invalidBody);
        if (body.Value?.Comment is { Length: > MaxCommentLength })
            return new Decision(null, ApiProblems.Invalid("comment", $"At most {MaxCommentLength} characters."));

        var run = await snapshots.FindAsync(runId, cancellationToken);
        if (run is null)
            return new Decision(ApiProblems.RunNotFound(id));
        if (run.Status != RunStatuses.AwaitingApproval)
            return new Decision(ApiProblems.Conflict($"Run {runId} is {run.Status}, not awaiting approval."));
        return new Decision(null, null, run, body.Value);
    }

    private sealed record Decision(ProblemHttpResult? Problem, ValidationProblem? Invalid = null, RunSnapshot? Run = null, ApprovalDecisionRequest? Body = null);
}

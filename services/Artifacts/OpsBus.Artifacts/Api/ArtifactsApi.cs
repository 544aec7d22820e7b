using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using OpsBus.Artifacts.Persistence;
using OpsBus.Artifacts.Runs;
using OpsBus.Artifacts.Storage;

namespace OpsBus.Artifacts.Api;

/// <summary>
/// The artifacts of runs: upload (<see cref="ArtifactUploadsApi"/>), list, metadata, content (with range requests) and
/// a run's artifacts as one zip. Whoever may not see the run gets 404, as if nothing were there. Content is always
/// served as an attachment with <c>X-Content-Type-Options: nosniff</c>, so stored HTML never renders in the browser.
/// A run's owner comes from <see cref="RunOwners"/>; when it has to ask the orchestrator and gets no answer, the caller
/// gets 503 with <c>Retry-After</c>.
/// </summary>
public static class ArtifactsApi
{
    public static IEndpointRouteBuilder MapArtifactsEndpoints(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/api/runs").RequireAuthorization().WithTags("Artifacts").AddEndpointFilter(AnswerOrchestratorUnavailable);
        runs.MapPost("/{id}/artifacts", ArtifactUploadsApi.Upload);
        runs.MapGet("/{id}/artifacts", ListArtifacts);
        runs.MapGet("/{id}/artifacts.zip", ArtifactZip.Download);

        var artifacts = app.MapGroup("/api/artifacts").RequireAuthorization().WithTags("Artifacts").AddEndpointFilter(AnswerOrchestratorUnavailable);
        artifacts.MapGet("/{id}", GetArtifact);
        artifacts.MapGet("/{id}/content", GetContent);
        return app;
    }

    private static async ValueTask<object?> AnswerOrchestratorUnavailable(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (OrchestratorUnavailableException)
        {
            context.HttpContext.Response.Headers.RetryAfter = "1";
            return ApiProblems.Status(StatusCodes.Status503ServiceUnavailable, "This run is not known here yet and the orchestrator did not answer; try again shortly.");
        }
    }

    private static async Task<Results<Ok<IReadOnlyList<ArtifactResponse>>, ProblemHttpResult>> ListArtifacts(
        string id, ClaimsPrincipal caller, ArtifactsDbContext db, RunOwners owners, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var runId))
            return ApiProblems.RunNotFound(id);
        var artifacts = await RunArtifactsAsync(db, runId, cancellationToken);
        if (!caller.MayReadFrom(await owners.OfAsync(runId, artifacts.FirstOrDefault(), caller.MayReadFrom, cancellationToken)))
            return ApiProblems.RunNotFound(id);
        return TypedResults.Ok<IReadOnlyList<ArtifactResponse>>(artifacts.Select(ArtifactResponse.From).ToList());
    }

    private static async Task<Results<Ok<ArtifactResponse>, ProblemHttpResult>> GetArtifact(
        string id, ClaimsPrincipal caller, ArtifactsDbContext db, RunOwners owners, CancellationToken cancellationToken)
    {
        var artifact = await FindVisibleAsync(db, owners, id, caller, cancellationToken);
        return artifact is null ? ApiProblems.ArtifactNotFound(id) : TypedResults.Ok(ArtifactResponse.From(artifact));
    }

    private static async Task<Results<FileStreamHttpResult, RedirectHttpResult, ProblemHttpResult>> GetContent(
        string id, HttpResponse response, ClaimsPrincipal caller, ArtifactsDbContext db, RunOwners owners, IArtifactStorage storage,
        CancellationToken cancellationToken)
    {
        var artifact = await FindVisibleAsync(db, owners, id, caller, cancellationToken);
        if (artifact is null)
            return ApiProblems.ArtifactNotFound(id);
        if (artifact.StorageKey is null)
            return TypedResults.Redirect(artifact.Url!);

        var content = await storage.OpenReadAsync(artifact.StorageKey, artifact.Size, cancellationToken);
        ServeAsDownload(response);
        return TypedResults.File(content, artifact.ContentType, artifact.Name, enableRangeProcessing: true);
    }

    /// <summary>Never rendered in place whatever its type: stored HTML or SVG cannot run script in our origin.</summary>
    internal static void ServeAsDownload(HttpResponse response)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "sandbox";
    }

    internal static Task<List<ArtifactRecord>> RunArtifactsAsync(ArtifactsDbContext db, Guid runId, CancellationToken cancellationToken) =>
        db.Artifacts.AsNoTracking().Where(a => a.RunId == runId).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToListAsync(cancellationToken);

    private static async Task<ArtifactRecord?> FindVisibleAsync(
        ArtifactsDbContext db, RunOwners owners, string id, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var artifactId))
            return null;
        var artifact = await db.Artifacts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == artifactId, cancellationToken);
        return artifact is not null && caller.MayReadFrom(await owners.OfAsync(artifact.RunId, artifact, caller.MayReadFrom, cancellationToken)) ? artifact : null;
    }
}

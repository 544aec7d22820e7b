using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using OpsBus.Artifacts.Persistence;
using OpsBus.Artifacts.Storage;

namespace OpsBus.Artifacts.Api;

/// <summary>
/// The artifacts of runs: upload (<see cref="ArtifactUploadsApi"/>), list, metadata, content (with range requests) and
/// a run's artifacts as one zip. Whoever may not see the run gets 404, as if nothing were there. Content is always
/// served as an attachment with <c>X-Content-Type-Options: nosniff</c>, so stored HTML never renders in the browser.
/// </summary>
public static class ArtifactsApi
{
    public static IEndpointRouteBuilder MapArtifactsEndpoints(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/api/runs").RequireAuthorization().WithTags("Artifacts");
        runs.MapPost("/{id}/artifacts", ArtifactUploadsApi.Upload);
        runs.MapGet("/{id}/artifacts", ListArtifacts);
        runs.MapGet("/{id}/artifacts.zip", ArtifactZip.Download);

        var artifacts = app.MapGroup("/api/artifacts").RequireAuthorization().WithTags("Artifacts");
        artifacts.MapGet("/{id}", GetArtifact);
        artifacts.MapGet("/{id}/content", GetContent);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<ArtifactResponse>>, ProblemHttpResult>> ListArtifacts(
        string id, ClaimsPrincipal caller, ArtifactsDbContext db, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var runId))
            return ApiProblems.RunNotFound(id);
        var artifacts = await RunArtifactsAsync(db, runId, cancellationToken);
        if (!caller.MayReadFrom(await OwnerOfAsync(db, runId, artifacts.FirstOrDefault(), cancellationToken)))
            return ApiProblems.RunNotFound(id);
        return TypedResults.Ok<IReadOnlyList<ArtifactResponse>>(artifacts.Select(ArtifactResponse.From).ToList());
    }

    private static async Task<Results<Ok<ArtifactResponse>, ProblemHttpResult>> GetArtifact(
        string id, ClaimsPrincipal caller, ArtifactsDbContext db, CancellationToken cancellationToken)
    {
        var artifact = await FindVisibleAsync(db, id, caller, cancellationToken);
        return artifact is null ? ApiProblems.ArtifactNotFound(id) : TypedResults.Ok(ArtifactResponse.From(artifact));
    }

    private static async Task<Results<FileStreamHttpResult, RedirectHttpResult, ProblemHttpResult>> GetContent(
        string id, HttpResponse response, ClaimsPrincipal caller, ArtifactsDbContext db, IArtifactStorage storage, CancellationToken cancellationToken)
    {
        var artifact = await FindVisibleAsync(db, id, caller, cancellationToken);
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

    /// <summary>
    /// The run's owner as this service knows it now, else as recorded with an artifact (null: only admins and auditors
    /// see it). Artifacts a worker stored before <c>RunRequested</c> arrived become visible to the owner once it does.
    /// </summary>
    internal static async Task<string?> OwnerOfAsync(ArtifactsDbContext db, Guid runId, ArtifactRecord? artifact, CancellationToken cancellationToken) =>
        await db.Runs.AsNoTracking().Where(r => r.RunId == runId).Select(r => r.Owner).FirstOrDefaultAsync(cancellationToken) ?? artifact?.RunOwner;

    private static async Task<ArtifactRecord?> FindVisibleAsync(ArtifactsDbContext db, string id, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var artifactId))
            return null;
        var artifact = await db.Artifacts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == artifactId, cancellationToken);
        return artifact is not null && caller.MayReadFrom(await OwnerOfAsync(db, artifact.RunId, artifact, cancellationToken)) ? artifact : null;
    }
}

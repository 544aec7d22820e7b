using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OpsBus.Orchestrator.Api;
using OpsBus.ServiceDefaults.Security;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace OpsBus.Orchestrator.Specs;

/// <summary>
/// <c>/api/spec-docs</c>: spec documents (<c>deploy-freeze/prd</c>), markdown with a title and a version history. Anyone
/// authenticated reads them; operators and up write them with <c>PUT /api/spec-docs/{slug}</c> (<c>{ title, content }</c>),
/// which creates a document or adds a version when the title or content changed (an unchanged one adds none). The
/// latest version is the <c>ETag</c> (<c>"3"</c>); a PUT with <c>If-Match: "3"</c> applies only to version 3 (412 otherwise).
/// <c>GET /api/spec-docs/{slug}/versions[/{n}]</c> reads the history. A slug may hold a <c>/</c>, so one catch-all route
/// reads documents and histories alike, which is why <c>versions</c> cannot be part of a slug.
/// </summary>
public static class SpecDocsApi
{
    public static RouteGroupBuilder MapSpecDocsApi(this IEndpointRouteBuilder app)
    {
        var docs = app.MapGroup("/api/spec-docs").RequireAuthorization().WithTags("Spec documents");
        docs.MapGet("", List);
        docs.MapGet("/{**path}", Read);
        docs.MapPut("/{**slug}", Save);
        return docs;
    }

    private static async Task<Results<Ok<SpecDocList>, ValidationProblem>> List(string? prefix, SpecDocStore store, CancellationToken cancellationToken)
    {
        if (prefix is { Length: > SpecDocSlugs.MaxLength })
            return ApiProblems.Invalid("prefix", $"A prefix is at most {SpecDocSlugs.MaxLength} characters.");
        var documents = await store.ListAsync(prefix, cancellationToken);
        return TypedResults.Ok(new SpecDocList(documents.Select(d => new SpecDocSummary(d.Slug, d.Title, d.Version, d.UpdatedAt, d.UpdatedBy)).ToList()));
    }

    /// <summary><c>{slug}</c>, <c>{slug}/versions</c> or <c>{slug}/versions/{n}</c>.</summary>
    private static async Task<Results<Ok<SpecDocView>, Ok<SpecDocVersionList>, Ok<SpecDocVersionView>, ProblemHttpResult>> Read(
        string path, HttpContext http, SpecDocStore store, CancellationToken cancellationToken)
    {
        var segments = path.Split('/');
        if (segments.Length >= 2 && segments[^1] == SpecDocSlugs.VersionsSegment)
        {
            var slug = string.Join('/', segments[..^1]);
            var versions = await store.VersionsAsync(slug, cancellationToken);
            return versions is null
                ? NotFound(slug)
                : TypedResults.Ok(new SpecDocVersionList(slug, versions.Select(v => new SpecDocVersionSummary(v.Version, v.Title, v.CreatedAt, v.CreatedBy)).ToList()));
        }

        if (segments.Length >= 3 && segments[^2] == SpecDocSlugs.VersionsSegment)
        {
            var slug = string.Join('/', segments[..^2]);
            var number = int.TryParse(segments[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : (int?)null;
            var version = number is null ? null : await store.VersionAsync(slug, number.Value, cancellationToken);
            return version is null
                ? ApiProblems.Status(StatusCodes.Status404NotFound, $"Spec document '{slug}' has no version '{segments[^1]}'.")
                : TypedResults.Ok(new SpecDocVersionView(version.Slug, version.Version, version.Title, version.Content, version.CreatedAt, version.CreatedBy));
        }

        var document = await store.FindAsync(path, cancellationToken);
        if (document is null)
            return NotFound(path);
        EntityTags.Tag(http, document.Version);
        return TypedResults.Ok(View(document));
    }

    private static async Task<Results<Created<SpecDocView>, Ok<SpecDocView>, ValidationProblem, ProblemHttpResult>> Save(
        string slug, HttpContext http, ClaimsPrincipal caller, SpecDocStore store, IOptions<HttpJsonOptions> json, CancellationToken cancellationToken)
    {
        if (!caller.MayOperate())
            return ApiProblems.Forbidden("Only operators, approvers and admins may write spec documents.");
        if (SpecDocSlugs.Problem(slug) is { } slugProblem)
            return ApiProblems.Invalid("slug", slugProblem);
        var expected = EntityTags.ExpectedVersion(http.Request, out var ifMatchError);
        if (ifMatchError is not null)
            return ApiProblems.Invalid("If-Match", ifMatchError);
        var body = await JsonBody<SpecDocRequest>.ReadAsync(http.Request, json.Value.SerializerOptions, optional: false, cancellationToken);
        if (body.Refused is not null)
            return body.Refused;
        if (body.Invalid is not null)
            return body.Invalid;
        var request = body.Value!;
        if (SpecDocSlugs.Errors(request.Title, request.Content) is { Count: > 0 } errors)
            return TypedResults.ValidationProblem(errors);

        var (outcome, document) = await store.SaveAsync(slug, request.Title!, request.Content!, caller.CallerName(), expected, cancellationToken);
        switch (outcome)
        {
            case SpecDocSave.VersionMismatch:
                return ApiProblems.Status(StatusCodes.Status412PreconditionFailed, document is null
                    ? $"There is no spec document '{slug}' at version {expected}: it does not exist yet."
                    : $"Spec document '{slug}' is at version {document.Version}, not {expected}; read it again and reapply the change.");
            case SpecDocSave.Conflict:
                return ApiProblems.Conflict($"Spec document '{slug}' was changed by someone else meanwhile; read it again and reapply the change.");
            case SpecDocSave.Created:
                EntityTags.Tag(http, document!.Version);
                return TypedResults.Created($"/api/spec-docs/{slug}", View(document));
            default:
                EntityTags.Tag(http, document!.Version);
                return TypedResults.Ok(View(document));
        }
    }

    private static SpecDocView View(SpecDocumentRecord d) =>
        new(d.Slug, d.Title, d.Content, d.Version, d.CreatedAt, d.CreatedBy, d.UpdatedAt, d.UpdatedBy);

    private static ProblemHttpResult NotFound(string slug) => ApiProblems.Status(StatusCodes.Status404NotFound, $"No spec document '{slug}'.");
}

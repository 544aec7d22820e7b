using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OpsBus.Artifacts.Persistence;
using OpsBus.Artifacts.Runs;
using OpsBus.Artifacts.Storage;
using OpsBus.ServiceDefaults.Security;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace OpsBus.Artifacts.Api;

/// <summary>
/// <c>POST /api/runs/{id}/artifacts</c>: content as the raw body (<c>?name=report.txt&amp;kind=file</c>, its own
/// Content-Type), as multipart with a <c>file</c> field, or a link as JSON. Content is streamed to the storage, never
/// buffered whole; over <see cref="ArtifactsOptions.MaxUploadBytes"/> it is refused with 413 and nothing is kept.
/// </summary>
internal static class ArtifactUploadsApi
{
    private const int MaxLinkBodyBytes = 16 * 1024;

    public static async Task<Results<Created<ArtifactResponse>, ValidationProblem, ProblemHttpResult>> Upload(
        string id, HttpRequest http, ClaimsPrincipal caller, RunOwners owners, ArtifactStore store, IOptions<HttpJsonOptions> json,
        CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var runId))
            return ApiProblems.RunNotFound(id);
        if (!caller.MayUploadArtifacts())
            return ApiProblems.Forbidden("Only operators, approvers, admins and workers may add artifacts.");
        var owner = await owners.OfAsync(runId, null, caller.MayUploadTo, cancellationToken);
        if (!caller.MayUploadTo(owner))
            return ApiProblems.RunNotFound(id);

        if (http.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = null;

        var kind = http.Query["kind"].ToString();
        try
        {
            if (MediaTypeHeaderValue.TryParse(http.ContentType, out var mediaType) && mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
                return await UploadMultipart(runId, owner, kind, mediaType, http, caller, store, cancellationToken);
            if (http.Query.ContainsKey("name"))
                return await UploadRaw(runId, owner, kind, http, caller, store, cancellationToken);
            if (mediaType?.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) == true)
                return await UploadLink(runId, owner, http, caller, store, json.Value.SerializerOptions, cancellationToken);
            return ApiProblems.Invalid("name", "Upload content with ?name=...&kind=..., as multipart with a 'file' field, or a link as JSON.");
        }
        catch (ArtifactTooLargeException e)
        {
            return ApiProblems.TooLarge(e.MaxBytes);
        }
        catch (BadHttpRequestException e)
        {
            return ApiProblems.Interrupted(e.StatusCode);
        }
    }

    private static async Task<Results<Created<ArtifactResponse>, ValidationProblem, ProblemHttpResult>> UploadRaw(
        Guid runId, string? owner, string kind, HttpRequest http, ClaimsPrincipal caller, ArtifactStore store, CancellationToken cancellationToken)
    {
        kind = kind.Length == 0 ? ArtifactKinds.File : kind;
        if (!ArtifactKinds.IsContent(kind))
            return InvalidKind(kind);
        if (http.ContentLength > store.MaxBytes)
            return ApiProblems.TooLarge(store.MaxBytes);
        var record = await store.StoreContentAsync(
            runId, owner, kind, ArtifactNames.Sanitise(http.Query["name"]), ContentTypeOf(http.ContentType, kind), http.Body, caller.CallerName(), cancellationToken);
        return Created(record);
    }

    private static async Task<Results<Created<ArtifactResponse>, ValidationProblem, ProblemHttpResult>> UploadMultipart(
        Guid runId, string? owner, string kind, MediaTypeHeaderValue mediaType, HttpRequest http, ClaimsPrincipal caller, ArtifactStore store,
        CancellationToken cancellationToken)
    {
        kind = kind.Length == 0 ? ArtifactKinds.File : kind;
        if (!ArtifactKinds.IsContent(kind))
            return InvalidKind(kind);
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
            return ApiProblems.Invalid("file", "The multipart body has no boundary.");

        var reader = new MultipartReader(boundary, http.Body);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !HeaderUtilities.RemoveQuotes(disposition.Name).Equals("file", StringComparison.Ordinal))
                continue;
            var fileName = http.Query.ContainsKey("name") ? http.Query["name"].ToString() : disposition.FileNameStar.Value ?? HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
            var record = await store.StoreContentAsync(
                runId, owner, kind, ArtifactNames.Sanitise(fileName), ContentTypeOf(section.ContentType, kind), section.Body, caller.CallerName(), cancellationToken);
            return Created(record);
        }
        return ApiProblems.Invalid("file", "A multipart upload needs a 'file' field.");
    }

    private static async Task<Results<Created<ArtifactResponse>, ValidationProblem, ProblemHttpResult>> UploadLink(
        Guid runId, string? owner, HttpRequest http, ClaimsPrincipal caller, ArtifactStore store, JsonSerializerOptions jsonOptions,
        CancellationToken cancellationToken)
    {
        LinkArtifactRequest? request;
        try
        {
            await using var body = new MeteredUpload(http.Body, MaxLinkBodyBytes);
            request = await JsonSerializer.DeserializeAsync<LinkArtifactRequest>(body, jsonOptions, cancellationToken);
        }
        catch (ArtifactTooLargeException)
        {
            return ApiProblems.TooLarge(MaxLinkBodyBytes);
        }
        catch (JsonException)
        {
            return ApiProblems.Invalid("body", "The body is not a valid JSON object.");
        }
        if (request is null)
            return ApiProblems.Invalid("body", "A JSON object is required.");
        if (request.Problem() is var (field, message))
            return ApiProblems.Invalid(field, message);
        var record = await store.StoreLinkAsync(runId, owner, ArtifactNames.Sanitise(request.Name), request.Url!, caller.CallerName(), cancellationToken);
        return Created(record);
    }

    private static Created<ArtifactResponse> Created(ArtifactRecord record) =>
        TypedResults.Created($"/api/artifacts/{record.Id}", ArtifactResponse.From(record));

    private static ValidationProblem InvalidKind(string kind) =>
        ApiProblems.Invalid("kind", $"'{kind}' is not a kind of content: use {ArtifactKinds.File}, {ArtifactKinds.Diff}, {ArtifactKinds.Markdown} or {ArtifactKinds.Json} (a link is stored as JSON).");

    /// <summary>The declared content type when it is a well-formed media type, else the kind's default.</summary>
    private static string ContentTypeOf(string? declared, string kind) =>
        MediaTypeHeaderValue.TryParse(declared, out var parsed) && parsed.MediaType.HasValue && declared!.Length <= 256
            ? parsed.ToString()
            : ArtifactKinds.DefaultContentType(kind);
}

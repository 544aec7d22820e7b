using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OpsBus.Orchestrator.Templates;
using OpsBus.Runbooks.Templates;
using OpsBus.ServiceDefaults.Security;

namespace OpsBus.Orchestrator.Api;

/// <summary>
/// <c>/api/templates</c>: the runbook catalogue. Anyone authenticated reads it; only admins create and edit. Bodies are
/// JSON or YAML (<c>Content-Type: application/yaml</c>), answers JSON or YAML by <c>Accept</c>. Every edit adds a version
/// and old versions stay readable. A template's current version is its <c>ETag</c> (<c>"3"</c>); an edit sent with
/// <c>If-Match: "3"</c> applies only to version 3 (412 otherwise), and of two edits racing from the same version the
/// second gets 409 even without <c>If-Match</c>.
/// </summary>
public static class TemplatesApi
{
    public static RouteGroupBuilder MapTemplatesApi(this IEndpointRouteBuilder app)
    {
        var templates = app.MapGroup("/api/templates").RequireAuthorization().WithTags("Templates");
        templates.MapGet("", ListTemplates);
        templates.MapPost("", CreateTemplate);
        templates.MapGet("/{slug}", GetTemplate);
        templates.MapPut("/{slug}", UpdateTemplate);
        templates.MapGet("/{slug}/versions", ListVersions);
        templates.MapGet("/{slug}/versions/{version}", GetVersion);
        return templates;
    }

    private static async Task<Ok<TemplateList>> ListTemplates(TemplateStore store, CancellationToken cancellationToken)
    {
        var templates = await store.ListAsync(cancellationToken);
        return TypedResults.Ok(new TemplateList(templates
            .Select(t => new TemplateSummary(
                t.Template.Slug, t.Template.Title, t.Template.Description, t.Template.DefaultLane, t.Template.Risk, t.Template.Environments,
                t.Version, t.UpdatedAt))
            .ToList()));
    }

    private static async Task<Results<Created<JsonElement>, ValidationProblem, ProblemHttpResult>> CreateTemplate(
        HttpContext http, ClaimsPrincipal caller, TemplateStore store, CancellationToken cancellationToken)
    {
        if (!caller.IsInRole(OpsBusRoles.Admin))
            return ApiProblems.Forbidden("Only admins may create templates.");
        var (template, invalid, refused) = await TemplateBody.ReadAsync(http.Request, cancellationToken);
        if (refused is not null)
            return refused;
        if (invalid is not null)
            return invalid;
        var errors = TemplateDefinitionValidator.Validate(template!);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors.ToDictionary());

        var stored = await store.CreateAsync(template!, caller.CallerName(), cancellationToken);
        if (stored is null)
            return ApiProblems.Conflict($"A template '{template!.Slug}' already exists; edit it with PUT /api/templates/{template.Slug}.");
        EntityTags.Tag(http, stored.Version);
        return TypedResults.Created($"/api/templates/{stored.Template.Slug}", TemplateBody.ToJson(stored.Template, stored.Version));
    }

    private static async Task<Results<Ok<JsonElement>, ContentHttpResult, ProblemHttpResult>> GetTemplate(
        string slug, HttpContext http, TemplateStore store, CancellationToken cancellationToken) =>
        Answer(http, await store.FindAsync(slug, version: null, cancellationToken), $"No template '{slug}'.");

    private static async Task<Results<Ok<JsonElement>, ValidationProblem, ProblemHttpResult>> UpdateTemplate(
        string slug, HttpContext http, ClaimsPrincipal caller, TemplateStore store, CancellationToken cancellationToken)
    {
        if (!caller.IsInRole(OpsBusRoles.Admin))
            return ApiProblems.Forbidden("Only admins may edit templates.");
        var expected = EntityTags.ExpectedVersion(http.Request, out var ifMatchError);
        if (ifMatchError is not null)
            return ApiProblems.Invalid("If-Match", ifMatchError);
        var (template, invalid, refused) = await TemplateBody.ReadAsync(http.Request, cancellationToken);
        if (refused is not null)
            return refused;
        if (invalid is not null)
            return invalid;
        if (!string.Equals(template!.Slug, slug, StringComparison.Ordinal))
            return ApiProblems.Invalid("slug", $"The body's slug must be '{slug}', the template being edited; a slug cannot be changed.");
        var errors = TemplateDefinitionValidator.Validate(template);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors.ToDictionary());

        var (outcome, stored) = await store.UpdateAsync(template, caller.CallerName(), expected, cancellationToken);
        switch (outcome)
        {
            case TemplateUpdate.NotFound:
                return TemplateNotFound(slug);
            case TemplateUpdate.VersionMismatch:
                return ApiProblems.Status(StatusCodes.Status412PreconditionFailed,
                    $"Template '{slug}' is no longer at version {expected}; read it again and reapply the change.");
            case TemplateUpdate.Conflict:
                return ApiProblems.Conflict($"Template '{slug}' was changed by someone else meanwhile; read it again and reapply the change.");
            default:
                EntityTags.Tag(http, stored!.Version);
                return TypedResults.Ok(TemplateBody.ToJson(stored.Template, stored.Version));
        }
    }

    private static async Task<Results<Ok<TemplateVersionList>, ProblemHttpResult>> ListVersions(
        string slug, TemplateStore store, CancellationToken cancellationToken)
    {
        var versions = await store.VersionsAsync(slug, cancellationToken);
        return versions is null
            ? TemplateNotFound(slug)
            : TypedResults.Ok(new TemplateVersionList(versions.Select(v => new TemplateVersionSummary(v.Version, v.CreatedAt, v.CreatedBy)).ToList()));
    }

    private static async Task<Results<Ok<JsonElement>, ContentHttpResult, ProblemHttpResult>> GetVersion(
        string slug, string version, HttpContext http, TemplateStore store, CancellationToken cancellationToken)
    {
        var number = int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : (int?)null;
        var stored = number is null ? null : await store.FindAsync(slug, number, cancellationToken);
        return Answer(http, stored, $"Template '{slug}' has no version '{version}'.");
    }

    private static Results<Ok<JsonElement>, ContentHttpResult, ProblemHttpResult> Answer(HttpContext http, StoredTemplate? stored, string notFound)
    {
        if (stored is null)
            return ApiProblems.Status(StatusCodes.Status404NotFound, notFound);
        EntityTags.Tag(http, stored.Version);
        return TemplateBody.WantsYaml(http.Request)
            ? TemplateBody.ToYaml(stored.Template)
            : TypedResults.Ok(TemplateBody.ToJson(stored.Template, stored.Version));
    }

    private static ProblemHttpResult TemplateNotFound(string slug) => ApiProblems.Status(StatusCodes.Status404NotFound, $"No template '{slug}'.");
}

using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OpsBus.ServiceDefaults.Security;

namespace OpsBus.Gateway.ApiKeys;

/// <summary><c>/api/keys</c>: admins create, list and revoke API keys.</summary>
public static partial class KeysApi
{
    public const string AdminPolicy = "opsbus-admin";

    public static RouteGroupBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/keys").WithTags("Keys").RequireAuthorization(AdminPolicy);
        group.MapPost("/", CreateAsync).WithSummary("Create an API key; the key is in this answer only.");
        group.MapGet("/", ListAsync).WithSummary("List API keys, revoked ones included, without secrets.");
        group.MapDelete("/{id:guid}", RevokeAsync).WithSummary("Revoke an API key; it stops working at once.");
        return group;
    }

    private static async Task<Results<Created<CreatedApiKey>, ValidationProblem>> CreateAsync(
        CreateApiKeyRequest request, ClaimsPrincipal caller, ApiKeyStore keys, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Name is null || !CallerName().IsMatch(request.Name))
            errors["name"] = ["Required: 1 to 100 letters, digits, '.', '_', '@' or '-', starting with a letter or digit."];
        if (!OpsBusRoles.IsValid(request.Role))
            errors["role"] = [$"One of: {string.Join(", ", OpsBusRoles.All)}."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var (row, key) = await keys.CreateAsync(request.Name!, request.Role!, caller.CallerName(), cancellationToken);
        return TypedResults.Created((string?)null, new CreatedApiKey(row.Id, row.Name, row.Role, key, row.CreatedAt));
    }

    private static async Task<Ok<ApiKeyList>> ListAsync(ApiKeyStore keys, CancellationToken cancellationToken)
    {
        var rows = await keys.ListAsync(cancellationToken);
        return TypedResults.Ok(new ApiKeyList(rows.Select(k => new ApiKeySummary(k.Id, k.Name, k.Role, k.Prefix, k.CreatedAt, k.CreatedBy, k.RevokedAt)).ToList()));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(Guid id, ApiKeyStore keys, CancellationToken cancellationToken) =>
        await keys.RevokeAsync(id, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem($"There is no API key {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")]
    private static partial Regex CallerName();
}

public sealed record CreateApiKeyRequest(string? Name, string? Role);

/// <summary>A new key: <see cref="Key"/> is shown this once and cannot be read again.</summary>
public sealed record CreatedApiKey(Guid Id, string Name, string Role, string Key, DateTime CreatedAt);

public sealed record ApiKeySummary(Guid Id, string Name, string Role, string Prefix, DateTime CreatedAt, string CreatedBy, DateTime? RevokedAt);

public sealed record ApiKeyList(IReadOnlyList<ApiKeySummary> Items);

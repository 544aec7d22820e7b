using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OpsBus.ServiceDefaults.Security;

namespace OpsBus.Gateway.Authentication;

/// <summary><c>GET /api/me</c>: who the API key speaks for and its roles, so a client shows only what the key may do.</summary>
public static class MeApi
{
    public static RouteHandlerBuilder MapMeApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/me", Me).RequireAuthorization().WithTags("Keys").WithSummary("The caller's name and roles.");

    private static Ok<CallerResponse> Me(ClaimsPrincipal caller) =>
        TypedResults.Ok(new CallerResponse(caller.CallerName(), caller.FindAll(ClaimTypes.Role).Select(role => role.Value).ToList()));
}

/// <summary>The body of <c>GET /api/me</c>.</summary>
public sealed record CallerResponse(string Name, IReadOnlyList<string> Roles);

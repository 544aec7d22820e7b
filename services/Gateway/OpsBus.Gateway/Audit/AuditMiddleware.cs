using System.Diagnostics;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpsBus.ServiceDefaults.Security;

namespace OpsBus.Gateway.Audit;

internal static class AuditMiddleware
{
    private const int MaxUserAgentLength = 256;
    private const int MaxActionLength = 300;

    /// <summary>
    /// Records every <c>POST</c>, <c>PUT</c>, <c>PATCH</c> and <c>DELETE</c> under <c>/api</c> once it is answered,
    /// refused ones included, except the GitHub webhook (not a caller's action). Only metadata: the route and its ids,
    /// never the body or query string. Place after authentication (to know the caller) and before anything that may refuse.
    /// </summary>
    public static IApplicationBuilder UseAuditLog(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!IsAudited(context.Request))
            {
                await next(context);
                return;
            }

            var status = StatusCodes.Status500InternalServerError;
            try
            {
                await next(context);
                status = context.Response.StatusCode;
            }
            finally
            {
                var log = context.RequestServices.GetRequiredService<AuditLog>();
                await log.RecordAsync(EntryOf(context, status), CancellationToken.None);
            }
        });

    private static bool IsAudited(HttpRequest request) =>
        request.Path.StartsWithSegments("/api")
        && !request.Path.StartsWithSegments("/api/webhooks")
        && (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method)
            || HttpMethods.IsDelete(request.Method));

    /// <summary>From the path rather than the route, so a call the gateway proxies (distributed mode) is recognised too.</summary>
    private static string? DecisionOf(PathString path) =>
        path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) is ["api", "runs", _, var decision and ("approve" or "reject")] ? decision : null;

    private static AuditEntry EntryOf(HttpContext context, int status)
    {
        var pattern = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern;
        var caller = context.User;
        var authenticated = caller.Identity?.IsAuthenticated == true;
        var routeValues = pattern is null
            ? []
            : pattern.Parameters.Where(p => context.Request.RouteValues.ContainsKey(p.Name))
                .ToDictionary(p => p.Name, p => context.Request.RouteValues[p.Name]?.ToString());
        var userAgent = context.Request.Headers.UserAgent.ToString();
        var action = $"{context.Request.Method} {(pattern?.RawText is { Length: > 1 } raw ? raw.TrimEnd('/') : context.Request.Path.Value)}";
        return new AuditEntry
        {
            At = DateTime.UtcNow,
            Caller = authenticated ? caller.CallerName() : "anonymous",
            Roles = authenticated ? string.Join(',', caller.FindAll(ClaimTypes.Role).Select(r => r.Value)) : "",
            Action = action.Length > MaxActionLength ? action[..MaxActionLength] : action,
            RouteValues = JsonSerializer.Serialize(routeValues),
            Status = status,
            Decision = DecisionOf(context.Request.Path),
            RemoteIp = context.Connection.RemoteIpAddress?.ToString(),
            UserAgent = userAgent.Length == 0 ? null : userAgent.Length > MaxUserAgentLength ? userAgent[..MaxUserAgentLength] : userAgent,
            TraceId = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier,
        };
    }
}

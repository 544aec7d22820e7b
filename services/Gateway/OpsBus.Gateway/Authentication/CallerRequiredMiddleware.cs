using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OpsBus.Gateway.Webhooks;

namespace OpsBus.Gateway.Authentication;

internal static class CallerRequiredMiddleware
{
    /// <summary>
    /// Every <c>/api/*</c> and <c>/hubs/*</c> request needs a valid key before anything else sees it: whatever an
    /// endpoint declares, and before a request is proxied. Anonymous ones get a 401 problem, never a redirect. Webhooks
    /// are the exception: their senders sign them (<see cref="WebhookRoutes"/>).
    /// </summary>
    public static IApplicationBuilder UseCallerRequired(this IApplicationBuilder app) =>
        app.UseWhen(IsProtected, branch => branch.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true)
                await next(context);
            else
                await context.ChallengeAsync(ApiKeyDefaults.Scheme);
        }));

    private static bool IsProtected(HttpContext context) =>
        (context.Request.Path.StartsWithSegments("/api") && !WebhookRoutes.IsWebhook(context.Request)) || context.Request.Path.StartsWithSegments("/hubs");
}

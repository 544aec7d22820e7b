using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpsBus.Gateway.Webhooks;

namespace OpsBus.Gateway.Edge;

internal static class RequestBodyLimit
{
    /// <summary>
    /// Bodies on <c>/api/*</c> are capped at <c>Gateway:MaxRequestBodyBytes</c>, artifact uploads at
    /// <c>Gateway:MaxArtifactUploadBytes</c>, webhook deliveries at <c>Gateway:MaxWebhookBodyBytes</c>: a declared length over it is refused before anything is read, a chunked
    /// body when the server's limit trips; both answer 413 with problem details.
    /// </summary>
    public static IApplicationBuilder UseApiRequestBodyLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api"))
            {
                await next(context);
                return;
            }

            var options = context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value;
            var limit = IsArtifactUpload(context.Request) ? options.MaxArtifactUploadBytes
                : WebhookRoutes.IsWebhook(context.Request) ? options.MaxWebhookBodyBytes
                : options.MaxRequestBodyBytes;
            if (context.Request.ContentLength > limit)
            {
                await TooLargeAsync(context, limit);
                return;
            }
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                size.MaxRequestBodySize = limit;

            await next(context);

            if (context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
                await TooLargeAsync(context, limit);
        });

    /// <summary><c>POST /api/runs/{id}/artifacts</c>.</summary>
    private static bool IsArtifactUpload(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && request.Path.Value is { } path
        && path.Split('/', StringSplitOptions.RemoveEmptyEntries) is ["api", "runs", _, "artifacts"];

    private static Task TooLargeAsync(HttpContext context, long limit) =>
        TypedResults.Problem(
            $"The request body is larger than the {limit} bytes allowed.",
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "Request body too large").ExecuteAsync(context);
}

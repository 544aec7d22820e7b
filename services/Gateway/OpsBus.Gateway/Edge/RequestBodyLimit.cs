using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OpsBus.Gateway.Edge;

internal static class RequestBodyLimit
{
    /// <summary>
    /// Bodies on <c>/api/*</c> are capped at <c>Gateway:MaxRequestBodyBytes</c>: a declared length over it is refused
    /// before anything is read, a chunked body when the server's limit trips; both answer 413 with problem details.
    /// </summary>
    public static IApplicationBuilder UseApiRequestBodyLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api"))
            {
                await next(context);
                return;
            }

            var limit = context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.MaxRequestBodyBytes;
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

    private static Task TooLargeAsync(HttpContext context, long limit) =>
        TypedResults.Problem(
            $"The request body is larger than the {limit} bytes allowed.",
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "Request body too large").ExecuteAsync(context);
}

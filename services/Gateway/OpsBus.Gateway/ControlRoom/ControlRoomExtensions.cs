using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.FileProviders;

namespace OpsBus.Gateway.ControlRoom;

/// <summary>
/// The control room: the single-page app built from <c>ClientApp</c> and embedded in this assembly (see the csproj),
/// served at <c>/</c>. Its files are public (the app asks for an API key itself); any other path without a file
/// extension gets <c>index.html</c> so the app's own routes survive a reload, except the server's prefixes, which
/// answer 404 rather than a page.
/// </summary>
public static class ControlRoomExtensions
{
    private const string ResourceNamespace = "OpsBus.Gateway.ClientApp";
    private const string IndexFile = "index.html";
    private const string AssetsPath = "/assets";

    /// <summary>Paths that belong to the server, never to the app.</summary>
    public static IReadOnlyList<string> ServerPrefixes { get; } = ["/api", "/hubs", "/health", "/openapi", "/scalar"];

    /// <summary>The app's files, or null when the gateway was built with <c>OPSBUS_SKIP_UI=1</c>.</summary>
    public static IFileProvider? EmbeddedFiles()
    {
        var files = new EmbeddedFileProvider(Assembly.GetExecutingAssembly(), ResourceNamespace);
        return files.GetFileInfo(IndexFile).Exists ? files : null;
    }

    /// <summary>Serves the app's files; put it before authentication, which they do not need.</summary>
    public static IApplicationBuilder UseControlRoomFiles(this IApplicationBuilder app, IFileProvider files) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context => ControlRoomHeaders.Apply(
                context.Context.Response, immutable: context.Context.Request.Path.StartsWithSegments(AssetsPath)),
        });

    /// <summary>Answers the app's own routes with <c>index.html</c>; a fallback, so every mapped endpoint wins over it.</summary>
    public static IEndpointConventionBuilder MapControlRoomFallback(this IEndpointRouteBuilder app, IFileProvider files) =>
        app.MapFallback("{*path:nonfile}", async context =>
        {
            var request = context.Request;
            var pageRequest = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
            if (!pageRequest || IsServerPath(request.Path))
            {
                await TypedResults.Problem($"Nothing is at {request.Path}.", statusCode: StatusCodes.Status404NotFound, title: "Not found")
                    .ExecuteAsync(context);
                return;
            }

            var index = files.GetFileInfo(IndexFile);
            ControlRoomHeaders.Apply(context.Response, immutable: false);
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.ContentLength = index.Length;
            if (HttpMethods.IsHead(request.Method))
                return;
            await using var content = index.CreateReadStream();
            await content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }).ExcludeFromDescription();

    public static bool IsServerPath(PathString path) => ServerPrefixes.Any(prefix => path.StartsWithSegments(prefix));
}

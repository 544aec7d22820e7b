using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpsBus.Gateway.Edge;
using OpsBus.Gateway.Host.Extensions;
using OpsBus.ServiceDefaults;

namespace OpsBus.Cli.Embedded;

/// <summary>
/// The embedded system exactly as <c>services/Gateway/OpsBus.Gateway.Host</c> composes it (gateway, orchestrator, lane
/// workers, artifacts and notifier in one process on SQLite), with its one-line banner (address and admin key) written
/// to the writer given rather than to the process's console.
/// </summary>
public static class EmbeddedSystem
{
    /// <param name="args">ASP.NET Core settings as command-line arguments (<c>--urls</c>, <c>--OPSBUS_DATA_DIR=...</c>, <c>--Gateway:Mode=...</c>).</param>
    /// <param name="banner">Where the banner goes.</param>
    public static WebApplication Build(string[] args, TextWriter banner)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddSingleton(new StartupBanner(banner));

        builder.AddServiceDefaults();
        builder.AddOpsBusEdge();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapOpsBusEdge();
        return app;
    }

    /// <summary>Where the embedded system listens unless told otherwise; also the CLI's default URL.</summary>
    public const string DefaultUrl = EdgeExtensions.DefaultUrl;
}

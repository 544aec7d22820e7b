using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpsBus.ServiceDefaults.Telemetry;

namespace OpsBus.ServiceDefaults;

/// <summary>What every OpsBus host sets up the same way: health checks, problem details, telemetry, a clock, log filters.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Categories whose lines carry a request's query string, where a browser's hub connection carries its API key
    /// (<c>access_token</c>: a WebSocket cannot send an <c>Authorization</c> header): ASP.NET Core's request start and
    /// finish, and YARP's line for each request it forwards. They log below Warning only; this rule is added after the
    /// configuration's, so it wins over <c>Logging:LogLevel</c> for the same category.
    /// </summary>
    private static readonly string[] CategoriesLoggingQueryStrings = ["Microsoft.AspNetCore.Hosting.Diagnostics", "Yarp.ReverseProxy.Forwarder"];

    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        foreach (var category in CategoriesLoggingQueryStrings)
            builder.Logging.AddFilter(category, LogLevel.Warning);
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"]);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddOpsBusTelemetry();
        return builder;
    }

    /// <summary><c>/health/live</c> (the process answers), <c>/health/ready</c> (bus and database too) and <c>/metrics</c>.</summary>
    public static IEndpointRouteBuilder MapDefaultEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => !check.Tags.Contains("live") || check.Name == "self" });
        app.MapTelemetryEndpoints();
        return app;
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpsBus.ServiceDefaults.Telemetry;

namespace OpsBus.ServiceDefaults;

/// <summary>What every OpsBus host sets up the same way: health checks, problem details, telemetry, a clock.</summary>
public static class ServiceDefaultsExtensions
{
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
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

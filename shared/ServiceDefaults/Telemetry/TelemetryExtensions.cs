using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace OpsBus.ServiceDefaults.Telemetry;

/// <summary>
/// OpenTelemetry for every host: OpsBus's own meters and activity sources (<c>OpsBus.*</c>), MassTransit's (bus
/// messages, consumers, sagas), ASP.NET Core, outgoing HTTP and the .NET runtime. One trace follows a run from the
/// HTTP request over the bus to the saga and the worker, because MassTransit carries the trace context in its headers.
/// Spans are recorded only when they are exported (<see cref="TelemetryOptions.Tracing"/>).
/// </summary>
public static class TelemetryExtensions
{
    public const string OpsBusSources = "OpsBus.*";
    private const string MassTransitSource = "MassTransit";
    private const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IHostApplicationBuilder AddOpsBusTelemetry(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(OpsBusSources, MassTransitSource)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                if (options.Prometheus)
                    metrics.AddPrometheusExporter();
            });
        var exported = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointSetting]);
        if (options.Tracing ?? exported)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(OpsBusSources, MassTransitSource)
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !IsPlumbing(context.Request.Path))
                .AddHttpClientInstrumentation());
        }
        if (exported)
            telemetry.UseOtlpExporter();
        return builder;
    }

    /// <summary>The Prometheus scrape endpoint, when enabled.</summary>
    public static IEndpointRouteBuilder MapTelemetryEndpoints(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (options.Prometheus)
            app.MapPrometheusScrapingEndpoint(options.PrometheusPath);
        return app;
    }

    /// <summary>Health probes and scrapes would otherwise be most of the traces.</summary>
    private static bool IsPlumbing(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}

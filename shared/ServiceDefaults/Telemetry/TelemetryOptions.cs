namespace OpsBus.ServiceDefaults.Telemetry;

/// <summary>
/// Metrics and traces, bound from the <c>Telemetry</c> section. Traces and metrics go to an OpenTelemetry collector
/// when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable is set; metrics can also be scraped by Prometheus.
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>Whether <see cref="PrometheusPath"/> serves the metrics for Prometheus to scrape.</summary>
    public bool Prometheus { get; set; } = true;

    /// <summary>Where Prometheus scrapes. Not behind the API key: keep it off networks you do not trust, or turn it off.</summary>
    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>
    /// Whether spans are recorded: by default only when they go somewhere (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set).
    /// Recorded for nobody, every message's send, receive and consume spans cost CPU and allocations for nothing.
    /// </summary>
    public bool? Tracing { get; set; }
}

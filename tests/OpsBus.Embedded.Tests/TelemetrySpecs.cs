using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpsBus.Contracts;
using OpsBus.LaneWorker.Execution;
using OpsBus.ServiceDefaults.Telemetry;
using OpsBus.Testing;
using OpsBus.Testing.Logging;
using OpenTelemetry.Trace;

namespace OpsBus.Embedded.Tests;

[Collection(nameof(ProcessWideObservation))]
public sealed class When_a_run_is_requested_over_http
{
    /// <summary>As with a collector configured (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>), without needing one.</summary>
    internal static readonly IReadOnlyDictionary<string, string> Tracing = new Dictionary<string, string> { ["Telemetry:Tracing"] = "true" };

    [Fact]
    public async Task Should_trace_the_request_the_saga_the_worker_and_every_step_in_one_trace()
    {
        using var spans = new RecordedSpans("Microsoft.AspNetCore", "MassTransit", LaneWorkerTelemetry.Name);
        await using var edge = new EmbeddedEdge(_ => { }, Tracing);
        using var alice = await edge.ClientOf("alice", "operator");

        var runId = await TelemetryRuns.RunToSuccess(alice, "first", "second");

        var execute = await Eventually.Get(() => Task.FromResult(spans.Stopped.FirstOrDefault(s =>
                s.OperationName == "execute run" && s.GetTagItem(LaneWorkerTelemetry.RunIdTag)?.ToString() == runId)),
            TimeSpan.FromSeconds(10), "the worker's execute span");
        var trace = execute.TraceId;
        var steps = await Eventually.Get(() =>
        {
            var found = spans.Stopped.Where(s => s.OperationName == "run step" && s.GetTagItem(LaneWorkerTelemetry.RunIdTag)?.ToString() == runId).ToList();
            return Task.FromResult(found.Count == 2 ? found : null);
        }, TimeSpan.FromSeconds(10), "both step spans");
        var inTrace = spans.Stopped.Where(s => s.TraceId == trace).ToList();
        var described = string.Join("\n", inTrace.Select(s => $"{s.Source.Name} {s.Kind} {s.DisplayName}"));

        Assert.All(steps, s => Assert.Equal(trace, s.TraceId));
        Assert.Equal(["first", "second"], steps.OrderBy(s => s.StartTimeUtc).Select(s => s.GetTagItem(LaneWorkerTelemetry.StepIdTag)?.ToString()));
        var request = Assert.Single(inTrace, s => s.Source.Name == "Microsoft.AspNetCore");
        Assert.True(request.DisplayName.Contains("/api/runs", StringComparison.Ordinal)
            || request.GetTagItem("url.path")?.ToString() == "/api/runs", described);
        Assert.True(request.ParentSpanId == default, "the HTTP request starts the run's trace:\n" + described);
        Assert.Contains(inTrace, s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer
            && (s.DisplayName.Contains("orchestrator-runs", StringComparison.Ordinal) || s.TagObjects.Any(t => t.Value?.ToString()?.Contains("orchestrator-runs") == true)));
        Assert.Contains(inTrace, s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer
            && (s.DisplayName.Contains("lane-a", StringComparison.Ordinal) || s.TagObjects.Any(t => t.Value?.ToString()?.Contains("lane-a") == true)));
    }
}

public sealed class When_no_collector_is_configured
{
    [Fact]
    public async Task Should_record_no_spans_for_nobody()
    {
        await using var edge = new EmbeddedEdge(_ => { });
        _ = edge.Server;

        Assert.Null(edge.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task Should_record_spans_when_asked_to()
    {
        await using var edge = new EmbeddedEdge(_ => { }, When_a_run_is_requested_over_http.Tracing);
        _ = edge.Server;

        Assert.NotNull(edge.Services.GetService<TracerProvider>());
    }
}

[Collection(nameof(ProcessWideObservation))]
public sealed class When_a_run_is_retried_through_the_durable_scheduler
{
    [Fact]
    public async Task Should_execute_the_next_attempt_in_the_same_trace()
    {
        using var spans = new RecordedSpans("MassTransit", "OpsBus.Scheduling", LaneWorkerTelemetry.Name);
        using var database = new EmbeddedDatabase();
        await using var host = await EmbeddedHost.StartAsync(database);

        var runId = await host.RequestRun(Plans.Of(Plans.Fail("break", retryable: true)), maxAttempts: 2);
        await host.WaitFor(runId, RunStatuses.Failed, r => r.Attempt == 2);

        var attempts = await Eventually.Get(() =>
        {
            var found = spans.Stopped.Where(s => s.OperationName == "execute run" && s.GetTagItem(LaneWorkerTelemetry.RunIdTag)?.ToString() == runId.ToString()).ToList();
            return Task.FromResult(found.Count == 2 ? found : null);
        }, TimeSpan.FromSeconds(10), "both attempts' execute spans");
        Assert.Equal([1, 2], attempts.Select(s => (int)s.GetTagItem(LaneWorkerTelemetry.AttemptTag)!).Order());
        Assert.Equal(attempts[0].TraceId, attempts[1].TraceId);
        Assert.Contains(spans.Stopped, s => s.Source.Name == "OpsBus.Scheduling" && s.TraceId == attempts[0].TraceId);
    }
}

public sealed class When_a_worker_logs_while_it_runs_a_step
{
    [Fact]
    public async Task Should_write_the_entry_in_a_scope_naming_the_run_and_attempt()
    {
        var logs = new CapturedLogs();
        await using var edge = new EmbeddedEdge(services =>
        {
            services.AddSingleton<ILoggerProvider>(logs);
            services.Configure<LoggerFilterOptions>(filters =>
                filters.Rules.Add(new LoggerFilterRule(null, typeof(RunExecutor).FullName, LogLevel.Debug, null)));
        });
        using var alice = await edge.ClientOf("alice", "operator");

        var runId = await TelemetryRuns.RunToSuccess(alice, "greet");

        var entry = await Eventually.Get(() => Task.FromResult(logs.Entries.FirstOrDefault(e =>
                e.Category == typeof(RunExecutor).FullName && e.Message.StartsWith("Step greet (echo) succeeded", StringComparison.Ordinal)
                && e.ScopeValue(RunLogScope.RunId)?.ToString() == runId)),
            TimeSpan.FromSeconds(10), "the step's log entry with the run in its scope");
        Assert.Equal(1, entry.ScopeValue(RunLogScope.Attempt));
    }
}

public sealed class When_prometheus_scrapes_after_a_run
{
    [Fact]
    public async Task Should_find_the_run_worker_and_lane_metrics()
    {
        await using var edge = new EmbeddedEdge(_ => { });
        using var alice = await edge.ClientOf("alice", "operator");
        await TelemetryRuns.RunToSuccess(alice, "greet");

        string[] expected =
        [
            "opsbus_runs_transitions_total{",
            "opsbus_runs_claim_duration_seconds_bucket{",
            "opsbus_worker_steps_duration_seconds_bucket{",
            "opsbus_runs_active{",
            "opsbus_lanes_queue_depth{",
            "opsbus_runs_heartbeat_max_age_seconds{",
            "opsbus_worker_runs_active",
        ];
        using var anonymous = edge.CreateClient();
        var scrape = await Eventually.Get(async () =>
        {
            var text = await anonymous.GetStringAsync("/metrics");
            return expected.All(name => text.Contains(name, StringComparison.Ordinal)) ? text : null;
        }, TimeSpan.FromSeconds(20), "every OpsBus run metric in the scrape", TimeSpan.FromMilliseconds(500));

        Assert.Contains(scrape.Split('\n'), line => line.StartsWith("opsbus_runs_transitions_total{", StringComparison.Ordinal)
            && line.Contains("from=\"running\"", StringComparison.Ordinal) && line.Contains("to=\"succeeded\"", StringComparison.Ordinal));
        Assert.Contains("lane=\"lane-a\"", scrape);
    }
}

/// <summary>Runs submitted over the API, and waited for.</summary>
internal static class TelemetryRuns
{
    /// <summary>Submits a run of one echo step per id on lane A and waits until it succeeded; returns its id.</summary>
    public static async Task<string> RunToSuccess(HttpClient client, params string[] stepIds)
    {
        using var accepted = await client.PostAsJsonAsync("/api/runs", new
        {
            plan = new { steps = stepIds.Select(id => new { id, title = "Say " + id, phase = "action", action = "echo", inputs = new { message = id } }) },
            lane = "A",
        });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var runId = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        await Eventually.True(async () => (await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}")).GetProperty("status").GetString() == "succeeded",
            TimeSpan.FromSeconds(30), "the run to succeed", TimeSpan.FromMilliseconds(100));
        return runId;
    }
}

/// <summary>Every span of the named sources that stops while it lives, whichever test in the process made it.</summary>
internal sealed class RecordedSpans : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public RecordedSpans(params string[] sources)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => sources.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<Activity> Stopped => _stopped.ToArray();

    public void Dispose() => _listener.Dispose();
}

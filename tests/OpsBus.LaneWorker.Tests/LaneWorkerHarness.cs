using System.Text.Json;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpsBus.Contracts;
using OpsBus.LaneWorker.Actions;
using OpsBus.ServiceDefaults;
using OpsBus.Testing;

namespace OpsBus.LaneWorker.Tests;

/// <summary>
/// A lane worker exactly as <c>AddLaneWorker()</c> registers it, on MassTransit's test harness (in-memory transport),
/// with a <see cref="FakeOrchestrator"/> answering its claims and the <see cref="TestActions"/> registered. Everything the
/// worker publishes stays readable in <see cref="ITestHarness.Published"/>, also after the host was stopped. Adapter
/// HTTP retries back off 10 ms instead of a second, so retry specs stay fast.
/// </summary>
internal sealed class LaneWorkerHarness : IAsyncDisposable
{
    public const string WorkerId = "worker-under-test";

    private static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(10);

    // The harness's synchronous Select blocks the calling thread until the bus is idle or the test times out; with an
    // already-cancelled token it returns what was recorded so far, at once.
    private static readonly CancellationToken SoFar = new(canceled: true);

    private readonly IHost _host;
    private bool _stopped;

    private LaneWorkerHarness(IHost host)
    {
        _host = host;
        Harness = host.Services.GetRequiredService<ITestHarness>();
        Orchestrator = host.Services.GetRequiredService<FakeOrchestrator>();
    }

    public ITestHarness Harness { get; }

    public FakeOrchestrator Orchestrator { get; }

    /// <summary>What the <c>test.capture</c> steps received, by step id.</summary>
    public CapturedInputs Captured => _host.Services.GetRequiredService<CapturedInputs>();

    /// <param name="logBatchSize">LaneWorker:LogBatchSize.</param>
    /// <param name="settings">More configuration, e.g. <c>Secrets:Key</c> or <c>LaneWorker:Targets:…</c>; wins over the defaults.</param>
    public static async Task<LaneWorkerHarness> StartAsync(int logBatchSize = 100, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LaneWorker:WorkerId"] = WorkerId,
            ["LaneWorker:LogBatchSize"] = logBatchSize.ToString(),
            ["LaneWorker:Http:RetryBaseDelay"] = "00:00:00.010",
        });
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddLaneWorker();
        builder.Services.AddSingleton<FakeOrchestrator>();
        builder.Services.AddSingleton<CapturedInputs>();
        builder.Services.AddSingleton<HeartbeatGate>();
        builder.Services.AddRunAction<CaptureAction>();
        builder.Services.AddRunAction<OutputsAction>();
        builder.Services.AddRunAction<ThrowAction>();
        builder.Services.AddRunAction<AttachTextAction>();
        builder.Services.AddRunAction<AttachStreamAction>();
        builder.Services.AddRunAction<AttachLinkAction>();
        var messaging = builder.Services.Messaging();
        builder.Services.AddMassTransitTestHarness(x =>
        {
            messaging.ApplyRegistrations(x);
            x.AddConsumer<FakeOrchestratorConsumer>();
            x.UsingInMemory((context, cfg) =>
            {
                messaging.ApplyBusConfiguration(context, cfg);
                cfg.UsePublishFilter(typeof(HeartbeatGateFilter<>), context);
                cfg.ConfigureEndpoints(context);
            });
        });

        var host = builder.Build();
        await host.StartAsync();
        return new LaneWorkerHarness(host);
    }

    /// <summary>Sends attempt 1 of a new run with these steps to lane A, as the orchestrator would.</summary>
    public Task<Guid> Execute(params PlanStep[] steps) => Execute(new RunPlan(steps));

    /// <summary>Sends attempt 1 of a new run with this plan (a malformed one too: the bus does not check it) to lane A.</summary>
    /// <param name="heartbeatTimeoutSeconds">The orchestrator's heartbeat timeout the command carries (0: not said).</param>
    public async Task<Guid> Execute(RunPlan plan, int heartbeatTimeoutSeconds = 0)
    {
        var runId = NewId.NextGuid();
        var lane = await Harness.Bus.GetSendEndpoint(new Uri("queue:" + Lanes.QueueName("A")));
        await lane.Send(new ExecuteRun(runId, 1, plan, "A", null, HeartbeatIntervalSeconds: 1, heartbeatTimeoutSeconds));
        return runId;
    }

    /// <summary>Heartbeats between this worker and the orchestrator: cut it to stand for a broker out of reach.</summary>
    public HeartbeatGate Heartbeats => _host.Services.GetRequiredService<HeartbeatGate>();

    public Task Publish<T>(T message)
        where T : class => Harness.Bus.Publish(message);

    /// <summary>Every <typeparamref name="T"/> published so far, in the order they were published.</summary>
    public IReadOnlyList<T> Published<T>()
        where T : class => Harness.Published.Select<T>(SoFar).Select(m => m.Context.Message).ToList();

    public IReadOnlyList<T> Consumed<T>()
        where T : class => Harness.Consumed.Select<T>(SoFar).Select(m => m.Context.Message).ToList();

    public Task<T> WaitForPublished<T>(Func<T, bool>? match = null, TimeSpan? deadline = null)
        where T : class =>
        Eventually.Get(() => Task.FromResult(Published<T>().FirstOrDefault(m => match?.Invoke(m) ?? true)),
            deadline ?? DefaultDeadline, $"{typeof(T).Name} to be published", TimeSpan.FromMilliseconds(10));

    /// <summary>Waits until a consumer finished consuming a matching <typeparamref name="T"/>.</summary>
    public Task<T> WaitForConsumed<T>(Func<T, bool>? match = null, TimeSpan? deadline = null)
        where T : class =>
        Eventually.Get(() => Task.FromResult(Consumed<T>().FirstOrDefault(m => match?.Invoke(m) ?? true)),
            deadline ?? DefaultDeadline, $"{typeof(T).Name} to be consumed", TimeSpan.FromMilliseconds(10));

    /// <summary>Waits until the worker has started the step (and so is inside it).</summary>
    public Task<RunStepStarted> WaitForStep(Guid runId, string stepId) =>
        WaitForPublished<RunStepStarted>(m => m.RunId == runId && m.StepId == stepId);

    /// <summary>The run's outcome messages (there must be exactly one).</summary>
    public IReadOnlyList<object> Outcomes(Guid runId) =>
    [
        .. Published<RunSucceeded>().Where(m => m.RunId == runId),
        .. Published<RunFailed>().Where(m => m.RunId == runId),
        .. Published<RunCancelled>().Where(m => m.RunId == runId),
        .. Published<RunReleased>().Where(m => m.RunId == runId),
    ];

    /// <summary>The run's log lines, in order.</summary>
    public IReadOnlyList<RunLogLine> LogLines(Guid runId) =>
        Published<RunLogAppended>().Where(m => m.RunId == runId).SelectMany(m => m.Lines).OrderBy(l => l.Seq).ToList();

    /// <summary>Every message the worker published or sent so far, as JSON: what left the worker.</summary>
    public IReadOnlyList<string> EverythingThatLeft() =>
    [
        .. Harness.Published.Select(_ => true, SoFar).Select(m => JsonSerializer.Serialize(m.MessageObject, m.MessageType)),
        .. Harness.Sent.Select(_ => true, SoFar).Select(m => JsonSerializer.Serialize(m.MessageObject, m.MessageType)),
    ];

    /// <summary>The status each step of the run finished with, by step id.</summary>
    public IReadOnlyDictionary<string, string> StepStatuses(Guid runId) =>
        Published<RunStepFinished>().Where(m => m.RunId == runId).ToDictionary(m => m.StepId, m => m.Status);

    /// <summary>Stops the host as SIGTERM would (ApplicationStopping first, then the bus).</summary>
    public async Task StopAsync()
    {
        _stopped = true;
        await _host.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
            await _host.StopAsync();
        _host.Dispose();
    }
}

using System.Text.Json;
using MassTransit;
using MassTransit.InMemoryTransport;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Persistence;
using OpsBus.Orchestrator.Runs;
using OpsBus.ServiceDefaults;
using OpsBus.Testing;

namespace OpsBus.Orchestrator.Tests;

/// <summary>
/// The orchestrator exactly as <c>AddOrchestrator()</c> registers it (sagas in SQLite through the EF Core saga store, or
/// in PostgreSQL when given a connection string), on MassTransit's test harness with the in-memory transport's delayed scheduler, so time can be fast-forwarded.
/// The test plays the worker.
/// </summary>
internal sealed class OrchestratorHarness : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _directory;

    private readonly AdjustableClock _clock;

    private OrchestratorHarness(IHost host, string directory, AdjustableClock clock)
    {
        _clock = clock;
        _host = host;
        _directory = directory;
        Harness = host.Services.GetRequiredService<ITestHarness>();
    }

    public ITestHarness Harness { get; }

    /// <summary>
    /// For the harness's <c>Select&lt;T&gt;(token)</c>: an already cancelled token returns what was recorded so far at once,
    /// instead of blocking until the bus has been idle for a while.
    /// </summary>
    public static CancellationToken Recorded { get; } = new(canceled: true);

    /// <summary>Why the last rejected claim was rejected.</summary>
    public string? LastRejection { get; private set; }

    public IServiceProvider Services => _host.Services;

    /// <param name="heartbeatInterval">Also the recovery sweep's interval.</param>
    /// <param name="configureServices">After <c>AddOrchestrator()</c>, e.g. to add an interceptor to its database context.</param>
    public static async Task<OrchestratorHarness> StartAsync(int maxAttempts = 3, int heartbeatTimeoutSeconds = 30, string? postgresConnectionString = null,
        TimeSpan? heartbeatInterval = null, Action<IServiceCollection>? configureServices = null)
    {
        var directory = Directory.CreateTempSubdirectory("opsbus-orchestrator-").FullName;
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orchestrator:Database"] = postgresConnectionString is null ? "Sqlite" : "Postgres",
            ["Orchestrator:ConnectionString"] = postgresConnectionString ?? $"Data Source={Path.Combine(directory, "orchestrator.db")}",
            ["Orchestrator:Scheduler"] = "Transport",
            ["Orchestrator:DefaultMaxAttempts"] = maxAttempts.ToString(),
            ["Orchestrator:HeartbeatTimeout"] = TimeSpan.FromSeconds(heartbeatTimeoutSeconds).ToString(),
            ["Orchestrator:RetryBackoff"] = "00:00:02",
            ["Orchestrator:HeartbeatInterval"] = (heartbeatInterval ?? TimeSpan.FromSeconds(5)).ToString(),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddOrchestrator();
        configureServices?.Invoke(builder.Services);
        var clock = new AdjustableClock();
        builder.Services.AddSingleton<TimeProvider>(clock);
        var messaging = builder.Services.Messaging();
        builder.Services.AddMassTransitTestHarness(x =>
        {
            messaging.ApplyRegistrations(x);
            x.UsingInMemory((context, cfg) =>
            {
                messaging.ApplyBusConfiguration(context, cfg);
                cfg.ConfigureEndpoints(context);
            });
        });

        var host = builder.Build();
        await host.StartAsync();
        return new OrchestratorHarness(host, directory, clock);
    }

    public static RunPlan Plan(params PlanStep[] steps) =>
        new(steps.Length > 0 ? steps : [Echo("greet", "hello")]);

    public static PlanStep Echo(string id, string message) =>
        new(id, "Say " + message, RunPhases.Action, "echo", new Dictionary<string, JsonElement> { ["message"] = JsonSerializer.SerializeToElement(message) });

    public async Task<Guid> RequestRun(string lane = "A", string? sessionId = null, int priority = 0, int? maxAttempts = null, RunPlan? plan = null,
        bool withoutPlan = false, string? planHashNeedingApproval = null, Guid? runId = null)
    {
        var id = runId ?? NewId.NextGuid();
        await Harness.Bus.Publish(new RunRequested(id, withoutPlan ? null : plan ?? Plan(), Lane: lane, SessionId: sessionId, Priority: priority,
            MaxAttempts: maxAttempts, RequestedBy: "test", RequestedAt: DateTime.UtcNow,
            PlanHash: planHashNeedingApproval, Risk: planHashNeedingApproval is null ? null : "write", RequiresApproval: planHashNeedingApproval is not null));
        return id;
    }

    public async Task<bool> ClaimAccepted(Guid runId, int attempt, string workerId = "worker-1")
    {
        var client = Harness.GetRequestClient<ClaimRun>();
        var response = await client.GetResponse<RunClaimAccepted, RunClaimRejected>(new ClaimRun(runId, attempt, workerId));
        if (response.Is(out Response<RunClaimRejected>? rejected))
            LastRejection = rejected.Message.Reason;
        return response.Is(out Response<RunClaimAccepted>? _);
    }

    public async Task MustClaim(Guid runId, int attempt, string workerId = "worker-1")
    {
        if (!await ClaimAccepted(runId, attempt, workerId))
        {
            var run = await Find(runId);
            throw new Xunit.Sdk.XunitException($"claim of attempt {attempt} by {workerId} rejected: {LastRejection}; state {run?.CurrentState} attempt {run?.Attempt} dispatched {run?.DispatchedAttempt} claimed {run?.ClaimedAttempt} v{run?.Version}");
        }
    }

    /// <summary>Claims attempt 1 as worker-1, reports it started, and waits until the run is running.</summary>
    public async Task StartFirstAttempt(Guid runId)
    {
        await MustClaim(runId, 1);
        await Publish(new RunStarted(runId, 1, "worker-1", DateTime.UtcNow));
        await WaitFor(runId, RunStatuses.Running);
    }

    /// <summary>Claims attempt 1 as worker-1, reports it succeeded, and waits until the run has.</summary>
    public async Task SucceedFirstAttempt(Guid runId)
    {
        await MustClaim(runId, 1);
        await Publish(new RunSucceeded(runId, 1, "worker-1", DateTime.UtcNow));
        await WaitFor(runId, RunStatuses.Succeeded);
    }

    public Task Publish<T>(T message)
        where T : class => Harness.Bus.Publish(message);

    public async Task<RunState?> Find(Guid runId)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        return await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.CorrelationId == runId);
    }

    /// <summary>Waits until the run is in <paramref name="status"/> and matches <paramref name="also"/>.</summary>
    public Task<RunState> WaitFor(Guid runId, string status, Func<RunState, bool>? also = null, int seconds = 10) =>
        Eventually.Get(async () =>
        {
            var run = await Find(runId);
            return run is not null && run.Status == status && (also?.Invoke(run) ?? true) ? run : null;
        }, TimeSpan.FromSeconds(seconds), $"run {runId} to be {status}");

    /// <summary>Waits until the orchestrator sent <see cref="ExecuteRun"/> for this attempt.</summary>
    public Task<ExecuteRun> WaitForDispatch(Guid runId, int attempt, int seconds = 10) =>
        Eventually.Get(() => Task.FromResult(Harness.Sent.Select<ExecuteRun>(Recorded)
                .Select(m => m.Context.Message)
                .FirstOrDefault(m => m.RunId == runId && m.Attempt == attempt)),
            TimeSpan.FromSeconds(seconds), $"ExecuteRun for run {runId} attempt {attempt}");

    public int DispatchCount(Guid runId) => Harness.Sent.Select<ExecuteRun>(Recorded).Count(m => m.Context.Message.RunId == runId);

    /// <summary>Why the run went back to the queue each time it did, in order (<see cref="RunStatusChanged.Reason"/>).</summary>
    public IReadOnlyList<string?> RequeueReasons(Guid runId) =>
        Harness.Published.Select<RunStatusChanged>(Recorded)
            .Select(m => m.Context.Message)
            .Where(m => m.RunId == runId && m.Status == RunStatuses.Queued && m.PreviousStatus is RunStatuses.Claimed or RunStatuses.Running)
            .OrderBy(m => m.Sequence)
            .Select(m => m.Reason)
            .ToList();

    public IReadOnlyList<string> StatusHistory(Guid runId) =>
        Harness.Published.Select<RunStatusChanged>(Recorded).Select(m => m.Context.Message).Where(m => m.RunId == runId)
            .OrderBy(m => m.Timestamp).Select(m => m.Status).ToList();

    /// <summary>Waits until the orchestrator consumed a message matching <paramref name="match"/>.</summary>
    public Task WaitConsumed<T>(Func<T, bool> match, int seconds = 10)
        where T : class =>
        Testing.Eventually.True(
            () => Task.FromResult(Harness.Consumed.Select<T>(Recorded).Any(m => m.Context.Message is T message && match(message))),
            TimeSpan.FromSeconds(seconds), $"{typeof(T).Name} consumed");

    /// <summary>Sends a heartbeat of attempt 1 and waits until the run recorded it; returns when it was heard.</summary>
    public async Task<DateTime?> HeartbeatAndWait(Guid runId, int attempt = 1)
    {
        var before = await WaitFor(runId, RunStatuses.Running);
        await Publish(new RunHeartbeat(runId, attempt, "worker-1", DateTime.UtcNow));
        var after = await WaitFor(runId, RunStatuses.Running, r => r.HeartbeatAt > before.HeartbeatAt);
        return after.HeartbeatAt;
    }

    /// <summary>Fast-forwards the orchestrator's clock and the in-memory transport's, firing scheduled messages that become due.</summary>
    public ValueTask Advance(TimeSpan duration)
    {
        _clock.Advance(duration);
        return _host.Services.GetRequiredService<IInMemoryDelayProvider>().Advance(duration);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

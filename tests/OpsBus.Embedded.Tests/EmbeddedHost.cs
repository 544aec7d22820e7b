using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpsBus.Contracts;
using OpsBus.LaneWorker;
using OpsBus.Orchestrator;
using OpsBus.Orchestrator.Persistence;
using OpsBus.Orchestrator.ReadModel;
using OpsBus.Orchestrator.Runs;
using OpsBus.ServiceDefaults;
using OpsBus.Testing;

namespace OpsBus.Embedded.Tests;

/// <summary>
/// Embedded mode as a real process hosts it: <c>AddOrchestrator()</c>, optionally <c>AddLaneWorker()</c>, then
/// <c>AddOpsBusMessaging()</c> on the in-memory transport, with the SQLite database and durable scheduler of
/// <see cref="EmbeddedDatabase"/>. No test harness: the test talks to the bus and reads the database.
/// </summary>
internal sealed class EmbeddedHost : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private EmbeddedHost(IHost host)
    {
        _host = host;
    }

    public IBus Bus => _host.Services.GetRequiredService<IBus>();

    /// <param name="database">Where the orchestrator keeps its state; hosts started one after the other may share it.</param>
    /// <param name="withWorker">Whether a real lane worker runs in the process too.</param>
    /// <param name="heartbeatTimeout">Silence after which the orchestrator presumes a worker dead.</param>
    /// <param name="configure">Adds to the host before the bus is built (e.g. a consumer playing a worker).</param>
    public static async Task<EmbeddedHost> StartAsync(EmbeddedDatabase database, bool withWorker = true, TimeSpan? heartbeatTimeout = null,
        Action<IHostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "InMemory",
            ["Orchestrator:Database"] = "Sqlite",
            ["Orchestrator:ConnectionString"] = database.ConnectionString,
            ["Orchestrator:Scheduler"] = "Durable",
            ["Orchestrator:HeartbeatTimeout"] = (heartbeatTimeout ?? TimeSpan.FromSeconds(30)).ToString(),
            ["Orchestrator:HeartbeatInterval"] = "00:00:01",
            ["Orchestrator:RetryBackoff"] = "00:00:00.200",
            ["LaneWorker:WorkerId"] = "embedded-worker",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        builder.AddOrchestrator();
        if (withWorker)
            builder.AddLaneWorker();
        configure?.Invoke(builder);
        builder.AddOpsBusMessaging();

        var host = builder.Build();
        await host.StartAsync();
        return new EmbeddedHost(host);
    }

    public async Task<Guid> RequestRun(RunPlan plan, int? maxAttempts = null)
    {
        var runId = NewId.NextGuid();
        await Bus.Publish(new RunRequested(runId, plan, Lane: "A", MaxAttempts: maxAttempts, RequestedBy: "embedded-test", RequestedAt: DateTime.UtcNow));
        return runId;
    }

    public Task Publish<T>(T message)
        where T : class => Bus.Publish(message);

    public Task<RunState?> Find(Guid runId) =>
        Query(db => db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.CorrelationId == runId));

    /// <summary>Waits until the run is in <paramref name="status"/> and matches <paramref name="also"/>.</summary>
    public Task<RunState> WaitFor(Guid runId, string status, Func<RunState, bool>? also = null, TimeSpan? deadline = null) =>
        Eventually.Get(async () =>
        {
            var run = await Find(runId);
            return run is not null && run.Status == status && (also?.Invoke(run) ?? true) ? run : null;
        }, deadline ?? TimeSpan.FromSeconds(15), $"run {runId} to be {status}", TimeSpan.FromMilliseconds(20));

    public Task<List<RunStepRecord>> Steps(Guid runId) =>
        Query(db => db.RunSteps.AsNoTracking().Where(s => s.RunId == runId).OrderBy(s => s.Ordinal).ToListAsync());

    public Task<List<RunLogRecord>> LogLines(Guid runId) =>
        Query(db => db.RunLogLines.AsNoTracking().Where(l => l.RunId == runId).OrderBy(l => l.Seq).ToListAsync());

    public Task<bool> IsScheduled(Guid tokenId) =>
        Query(db => db.Set<Scheduling.ScheduledMessage>().AsNoTracking().AnyAsync(m => m.TokenId == tokenId));

    /// <summary>Stops the process as SIGTERM would; the database stays.</summary>
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

    private async Task<T> Query<T>(Func<OrchestratorDbContext, Task<T>> query)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>());
    }
}

/// <summary>A temporary directory with the embedded process's SQLite file; outlives the hosts started on it.</summary>
internal sealed class EmbeddedDatabase : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("opsbus-embedded-").FullName;

    public string ConnectionString => $"Data Source={Path.Combine(_directory, "opsbus.db")}";

    public void Dispose()
    {
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

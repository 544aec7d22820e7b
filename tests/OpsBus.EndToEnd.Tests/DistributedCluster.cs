using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Persistence;
using OpsBus.Orchestrator.Runs;
using OpsBus.Orchestrator.SessionLanes;
using OpsBus.Testing;

namespace OpsBus.EndToEnd.Tests;

/// <summary>
/// Distributed mode for real: a throwaway PostgreSQL database and RabbitMQ virtual host, the orchestrator and
/// <see cref="WorkerCount"/> lane workers as separate OS processes, and a bus in the test to talk to them.
/// Workers write an execution journal (one JSON line per attempt started and finished) the tests read.
/// </summary>
internal sealed class DistributedCluster : IAsyncDisposable
{
    public const int HeartbeatTimeoutSeconds = 5;
    public const int WorkerCount = 3;

    /// <summary>The admin key the gateway is bootstrapped with when the edge runs.</summary>
    public const string AdminKey = "opsbus_e2eadmin_0123456789abcdefghijklmnopqrstuv";

    private readonly ClusterDatabase _postgres;
    private readonly ClusterDatabase? _gatewayPostgres;
    private readonly ClusterDatabase? _artifactsPostgres;
    private readonly IBusControl _bus;
    private readonly string _journalDirectory;
    private readonly Dictionary<string, string> _orchestratorSettings;
    private readonly List<ServiceProcess> _extraOrchestrators = [];

    private DistributedCluster(ClusterDatabase postgres, ClusterDatabase? gatewayPostgres, ClusterDatabase? artifactsPostgres, IBusControl bus,
        string journalDirectory, Dictionary<string, string> orchestratorSettings, ServiceProcess orchestrator, List<ServiceProcess> workers,
        List<ServiceProcess> edge)
    {
        _postgres = postgres;
        _gatewayPostgres = gatewayPostgres;
        _artifactsPostgres = artifactsPostgres;
        _bus = bus;
        _journalDirectory = journalDirectory;
        _orchestratorSettings = orchestratorSettings;
        Orchestrator = orchestrator;
        Workers = workers;
        Edge = edge;
    }

    public ServiceProcess Orchestrator { get; }

    public IReadOnlyList<ServiceProcess> Workers { get; }

    /// <summary>The notifier, the artifacts service and the gateway, when started with the edge.</summary>
    public IReadOnlyList<ServiceProcess> Edge { get; }

    /// <summary>The gateway's public address (only with the edge).</summary>
    public Uri GatewayUrl => Edge.Single(p => p.Name == "gateway").Url;

    private IEnumerable<ServiceProcess> All => Workers.Append(Orchestrator).Concat(_extraOrchestrators).Concat(Edge);

    public IBus Bus => _bus;

    /// <summary>Starts the cluster; <paramref name="workerDatabases"/> are the workers' <c>LaneWorker:Databases</c> (name → connection string).</summary>
    public static Task<DistributedCluster> StartAsync(bool withEdge = false, IReadOnlyDictionary<string, string>? workerDatabases = null) =>
        StartAsync(new ClusterOptions { WithEdge = withEdge, WorkerDatabases = workerDatabases });

    public static async Task<DistributedCluster> StartAsync(ClusterOptions options)
    {
        var servers = options.Servers ?? SharedServers.Instance;
        var withEdge = options.WithEdge;
        var postgres = await servers.CreateDatabaseAsync();
        var gatewayPostgres = withEdge ? await servers.CreateDatabaseAsync() : null;
        var artifactsPostgres = withEdge ? await servers.CreateDatabaseAsync() : null;
        var broker = await servers.CreateVirtualHostAsync();
        var journals = Directory.CreateTempSubdirectory("opsbus-e2e-").FullName;
        var common = new Dictionary<string, string>
        {
            ["Bus__Transport"] = "RabbitMq",
            ["Bus__RabbitMqHost"] = broker.ToString(),
            ["OpsBus__InternalSecret"] = "e2e-internal-secret-" + Guid.NewGuid().ToString("N"),
        };

        var orchestratorSettings = new Dictionary<string, string>(common)
        {
            ["Bus__RabbitMqHost"] = (options.OrchestratorBroker?.Invoke(broker) ?? broker).ToString(),
            ["Orchestrator__Database"] = "Postgres",
            ["Orchestrator__ConnectionString"] = postgres.ConnectionString,
            ["Orchestrator__HeartbeatTimeout"] = TimeSpan.FromSeconds(HeartbeatTimeoutSeconds).ToString(),
            ["Orchestrator__HeartbeatInterval"] = "00:00:01",
            ["Orchestrator__RetryBackoff"] = "00:00:00.200",
        };
        var orchestrator = ServiceProcess.Start("orchestrator", OrchestratorHost, orchestratorSettings);
        // Started before the workers, which upload to it.
        var artifacts = withEdge
            ? ServiceProcess.Start("artifacts", "services/Artifacts/OpsBus.Artifacts.Host", new Dictionary<string, string>(common)
            {
                ["Artifacts__Database"] = "Postgres",
                ["Artifacts__ConnectionString"] = artifactsPostgres!.ConnectionString,
                ["Artifacts__DiskPath"] = Path.Combine(journals, "artifacts"),
            })
            : null;
        var workerSettings = new Dictionary<string, string>(common);
        if (artifacts is not null)
            workerSettings["LaneWorker__ArtifactsAddress"] = artifacts.Url.ToString();
        foreach (var (name, database) in options.WorkerDatabases ?? new Dictionary<string, string>())
            workerSettings[$"LaneWorker__Databases__{name}"] = database;
        var workers = Enumerable.Range(1, WorkerCount).Select(i => ServiceProcess.Start($"worker-{i}", "services/LaneWorker/OpsBus.LaneWorker.Host",
            new Dictionary<string, string>(workerSettings)
            {
                ["LaneWorker__WorkerId"] = $"worker-{i}",
                ["LaneWorker__ConcurrencyPerLane"] = "4",
                ["LaneWorker__ExecutionJournalPath"] = Path.Combine(journals, $"worker-{i}.jsonl"),
            })).ToList();

        var edge = new List<ServiceProcess>();
        if (withEdge)
        {
            var notifier = ServiceProcess.Start("notifier", "services/Notifier/OpsBus.Notifier.Host", new Dictionary<string, string>(common));
            edge.Add(notifier);
            edge.Add(artifacts!);
            var gatewaySettings = new Dictionary<string, string>(common)
            {
                ["Gateway__Mode"] = "Distributed",
                ["Gateway__Database"] = "Postgres",
                ["Gateway__ConnectionString"] = gatewayPostgres!.ConnectionString,
                ["Gateway__OrchestratorAddress"] = orchestrator.Url.ToString(),
                ["Gateway__NotifierAddress"] = notifier.Url.ToString(),
                ["Gateway__ArtifactsAddress"] = artifacts!.Url.ToString(),
                ["OPSBUS_BOOTSTRAP_ADMIN_KEY"] = AdminKey,
            };
            foreach (var (key, value) in options.GatewaySettings ?? new Dictionary<string, string>())
                gatewaySettings[key] = value;
            edge.Add(ServiceProcess.Start("gateway", "services/Gateway/OpsBus.Gateway.Host", gatewaySettings));
        }

        var bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(broker));
        var cluster = new DistributedCluster(postgres, gatewayPostgres, artifactsPostgres, bus, journals, orchestratorSettings, orchestrator, workers, edge);
        try
        {
            await Task.WhenAll(workers.Append(orchestrator).Concat(edge.Where(p => p.Name != "gateway"))
                .Select(p => p.WaitUntilStarted(TimeSpan.FromSeconds(90))));
            foreach (var process in edge)
                await process.WaitUntilReady(TimeSpan.FromSeconds(90));
            await bus.StartAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    private const string OrchestratorHost = "services/Orchestrator/OpsBus.Orchestrator.Host";

    /// <summary>Another orchestrator process on the same database and virtual host, competing with the first.</summary>
    public async Task<ServiceProcess> StartAnotherOrchestrator()
    {
        var another = ServiceProcess.Start($"orchestrator-{_extraOrchestrators.Count + 2}", OrchestratorHost, _orchestratorSettings);
        _extraOrchestrators.Add(another);
        await another.WaitUntilStarted(TimeSpan.FromSeconds(90));
        return another;
    }

    public static RunPlan Plan(params PlanStep[] steps) => new(steps);

    public static PlanStep Echo(string id, string message) => Step(id, RunPhases.Action, "echo", ("message", message));

    public static PlanStep Sleep(string id, double seconds) => Step(id, RunPhases.Action, "sleep", ("seconds", seconds));

    public static PlanStep Step(string id, string phase, string action, params (string Key, object Value)[] inputs) =>
        new(id, id, phase, action, inputs.ToDictionary(i => i.Key, i => JsonSerializer.SerializeToElement(i.Value)));

    public async Task<Guid> Request(RunPlan plan, string lane = "A", string? sessionId = null, int priority = 0,
        CancellationToken cancellationToken = default)
    {
        var runId = NewId.NextGuid();
        await _bus.Publish(new RunRequested(runId, plan, Lane: lane, SessionId: sessionId, Priority: priority, RequestedBy: "e2e",
            RequestedAt: DateTime.UtcNow), cancellationToken);
        return runId;
    }

    public OrchestratorDbContext Database() =>
        new PostgresOrchestratorDbContext(new DbContextOptionsBuilder<PostgresOrchestratorDbContext>().UseNpgsql(_postgres.ConnectionString).Options);

    public async Task<RunState?> Find(Guid runId)
    {
        await using var db = Database();
        return await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.CorrelationId == runId);
    }

    public async Task<int> WaitingInSessionLane(string sessionId, string lane)
    {
        await using var db = Database();
        var key = SessionLaneKey.For(sessionId, lane);
        var sessionLane = await db.SessionLanes.AsNoTracking().SingleOrDefaultAsync(s => s.CorrelationId == key);
        return sessionLane?.Waiting.Count ?? 0;
    }

    public Task<RunState> WaitFor(Guid runId, Func<RunState, bool> condition, TimeSpan deadline, string what) =>
        Eventually.Get(async () =>
        {
            var run = await Find(runId);
            return run is not null && condition(run) ? run : null;
        }, deadline, $"run {runId}: {what}", TimeSpan.FromMilliseconds(25));

    /// <summary>Every execution the workers recorded, across all their journals.</summary>
    public IReadOnlyList<JournalEntry> Journal() =>
        Directory.EnumerateFiles(_journalDirectory, "*.jsonl")
            .SelectMany(ReadShared)
            .Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize<JournalEntry>(line, new JsonSerializerOptions(JsonSerializerDefaults.Web))!)
            .ToList();

    private static IEnumerable<string> ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.TrimEntries);
    }

    public string Diagnostics() =>
        string.Join("\n\n", All.Select(p => $"===== {p.Name} =====\n{p.Output}"));

    public async ValueTask DisposeAsync()
    {
        await _bus.StopAsync();
        foreach (var process in All)
            await process.DisposeAsync();
        await _postgres.DropAsync();
        if (_gatewayPostgres is not null)
            await _gatewayPostgres.DropAsync();
        if (_artifactsPostgres is not null)
            await _artifactsPostgres.DropAsync();
        try
        {
            Directory.Delete(_journalDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal sealed record JournalEntry(string Event, Guid RunId, int Attempt, string WorkerId, string? Outcome, DateTime At);

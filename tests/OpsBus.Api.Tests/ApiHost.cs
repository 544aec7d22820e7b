using MassTransit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpsBus.LaneWorker;
using OpsBus.Orchestrator;
using OpsBus.Orchestrator.Api;
using OpsBus.Orchestrator.Persistence;
using OpsBus.ServiceDefaults;
using OpsBus.Testing;

namespace OpsBus.Api.Tests;

/// <summary>
/// The runs and sessions API as a host serves it, on a test server: the orchestrator (SQLite in a temporary folder,
/// or a PostgreSQL database), a lane worker for lanes A–D so runs really execute, the in-memory bus, and
/// <see cref="TestCallerAuthentication"/> in place of the host's real scheme. It records every message it puts on the bus.
/// </summary>
internal sealed class ApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _directory;
    private readonly BusMessageRecorder _bus = new();

    private ApiHost(WebApplication app, string? directory)
    {
        _app = app;
        _directory = directory;
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>Every message the host published or sent, as JSON, since it started.</summary>
    public IReadOnlyCollection<string> BusMessages => _bus.Messages;

    public static Task<ApiHost> StartAsync() => StartAsync(postgresConnectionString: null);

    /// <param name="postgresConnectionString">A PostgreSQL database, or null for SQLite in a temporary folder.</param>
    /// <param name="settings">More configuration, e.g. <c>Secrets:Key</c>.</param>
    /// <param name="sqliteDirectory">A folder of an earlier host to start again on, kept when this host stops.</param>
    public static async Task<ApiHost> StartAsync(
        string? postgresConnectionString, IReadOnlyDictionary<string, string?>? settings = null, string? sqliteDirectory = null)
    {
        var directory = postgresConnectionString is null ? sqliteDirectory ?? Directory.CreateTempSubdirectory("opsbus-api-").FullName : null;
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orchestrator:Database"] = directory is null ? "Postgres" : "Sqlite",
            ["Orchestrator:ConnectionString"] = postgresConnectionString ?? $"Data Source={Path.Combine(directory!, "orchestrator.db")}",
            ["Orchestrator:Scheduler"] = "Transport",
            ["Bus:Transport"] = "InMemory",
            ["LaneWorker:WorkerId"] = "api-tests-" + Guid.NewGuid().ToString("N")[..8],
            ["LaneWorker:LogFlushInterval"] = "00:00:00.050",
        });
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        builder.AddServiceDefaults();
        builder.AddOrchestrator();
        builder.AddLaneWorker();
        builder.AddOpsBusMessaging();
        builder.Services.AddAuthentication(TestCallerAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TestCallerAuthentication>(TestCallerAuthentication.SchemeName, null);
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOrchestratorApi();
        var host = new ApiHost(app, sqliteDirectory is null ? directory : null);
        app.Services.GetRequiredService<IBus>().ConnectPublishObserver(host._bus);
        app.Services.GetRequiredService<IBus>().ConnectSendObserver(host._bus);
        await app.StartAsync();
        return host;
    }

    /// <summary>A client calling as <paramref name="caller"/> (<c>name:role</c>), or anonymously when null.</summary>
    public ApiClient As(string? caller)
    {
        var http = _app.GetTestClient();
        if (caller is not null)
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", caller);
        return new ApiClient(http);
    }

    public IRequestClient<T> RequestClient<T>()
        where T : class => _app.Services.GetRequiredService<IBus>().CreateRequestClient<T>();

    /// <summary>Reads the orchestrator's database directly, for what the API does not show (how many runs were stored).</summary>
    public async Task<T> Query<T>(Func<OrchestratorDbContext, Task<T>> query)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_directory is null)
            return;
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

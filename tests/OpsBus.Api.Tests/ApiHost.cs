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
/// <see cref="TestCallerAuthentication"/> in place of the host's real scheme.
/// </summary>
internal sealed class ApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _directory;

    private ApiHost(WebApplication app, string? directory)
    {
        _app = app;
        _directory = directory;
    }

    public IServiceProvider Services => _app.Services;

    public static Task<ApiHost> StartAsync() => StartAsync(postgresConnectionString: null);

    public static async Task<ApiHost> StartAsync(string? postgresConnectionString)
    {
        var directory = postgresConnectionString is null ? Directory.CreateTempSubdirectory("opsbus-api-").FullName : null;
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
        app.MapRunsApi();
        app.MapSessionsApi();
        await app.StartAsync();
        return new ApiHost(app, directory);
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

using System.Net;
using System.Net.Http.Headers;
using MassTransit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpsBus.Artifacts.Persistence;
using OpsBus.Contracts;
using OpsBus.ServiceDefaults;
using OpsBus.Testing;

namespace OpsBus.Artifacts.Tests;

/// <summary>
/// The artifacts service as its host serves it, on Kestrel on a free loopback port (so uploads really stream and
/// really break): SQLite and disk storage in a temporary folder (unless a test's settings say otherwise), the
/// in-memory bus, <see cref="TestCallerAuthentication"/> in place of the internal-caller scheme, and an
/// <see cref="AdjustableClock"/>. It records every <see cref="ArtifactStored"/> on the bus, and a <see cref="FakeOrchestrator"/>
/// answers for runs (none, unless a test tells it of one).
/// </summary>
internal sealed class ArtifactsHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _directory;

    private ArtifactsHost(WebApplication app, string directory, AdjustableClock clock)
    {
        _app = app;
        _directory = directory;
        Clock = clock;
    }

    public AdjustableClock Clock { get; }

    public Uri BaseAddress => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Where disk storage keeps content.</summary>
    public string ContentDirectory => Path.Combine(_directory, "content");

    public IServiceProvider Services => _app.Services;

    public FakeOrchestrator Orchestrator => Services.GetRequiredService<FakeOrchestrator>();

    public IReadOnlyCollection<ArtifactStored> StoredEvents => Services.GetRequiredService<StoredEventRecorder>().Events;

    public static async Task<ArtifactsHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var directory = Directory.CreateTempSubdirectory("opsbus-artifacts-").FullName;
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Artifacts:Database"] = "Sqlite",
            ["Artifacts:ConnectionString"] = $"Data Source={Path.Combine(directory, "artifacts.db")}",
            ["Artifacts:DiskPath"] = Path.Combine(directory, "content"),
            ["Bus:Transport"] = "InMemory",
        });
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        builder.AddServiceDefaults();
        builder.AddArtifacts();
        builder.Services.AddSingleton<StoredEventRecorder>();
        builder.Services.AddSingleton<FakeOrchestrator>();
        builder.Services.Messaging().Register(x =>
        {
            x.AddConsumer<StoredEventRecorder.ArtifactStoredRecordingConsumer>();
            x.AddConsumer<FakeOrchestratorConsumer>();
        });
        builder.AddOpsBusMessaging();
        builder.Services.AddAuthentication(TestCallerAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TestCallerAuthentication>(TestCallerAuthentication.SchemeName, null);
        builder.Services.AddAuthorization();
        var clock = new AdjustableClock();
        builder.Services.AddSingleton<TimeProvider>(clock);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDefaultEndpoints();
        app.MapArtifactsApi();
        var host = new ArtifactsHost(app, directory, clock);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    /// <summary>A client calling as <paramref name="caller"/> (<c>name:role</c>), or anonymously when null.</summary>
    public HttpClient As(string? caller)
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        if (caller is not null)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", caller);
        return http;
    }

    /// <summary>Publishes <see cref="RunRequested"/> for a new run of <paramref name="owner"/> and waits until the service knows it.</summary>
    public async Task<Guid> RunOf(string owner)
    {
        var runId = Guid.NewGuid();
        await Services.GetRequiredService<IBus>().Publish(new RunRequested(runId, null, RequestedBy: owner, RequestedAt: DateTime.UtcNow));
        await Eventually.True(() => Query(db => db.Runs.AnyAsync(r => r.RunId == runId)), TimeSpan.FromSeconds(10), $"run {runId} of {owner} known");
        return runId;
    }

    public async Task<T> Query<T>(Func<ArtifactsDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ArtifactsDbContext>());
    }

    /// <summary>Every file under the content folder, partial ones included.</summary>
    public IReadOnlyList<string> ContentFiles() =>
        Directory.Exists(ContentDirectory) ? Directory.GetFiles(ContentDirectory, "*", SearchOption.AllDirectories) : [];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
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

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpsBus.Hostile.Tests;

/// <summary>
/// The one public process as <c>dotnet run --project services/Gateway/OpsBus.Gateway.Host</c> composes it in embedded
/// mode, served by Kestrel on a loopback port (real HTTP: real header and body limits), with its own data folder and a
/// known admin key. The per-key rate limit is <paramref name="tokenLimit"/> requests at once, refilled at that rate each second;
/// <paramref name="configureServices"/> adds to the process (a log capture, a test-only action) and <paramref name="settings"/>
/// to its configuration.
/// </summary>
internal sealed class HostileEdge(int tokenLimit = 1_000_000, Action<IServiceCollection>? configureServices = null,
    IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    public const string AdminKey = "opsbus_hostile_0123456789abcdefghijklmnopqrstuv";

    private readonly string _data = Directory.CreateTempSubdirectory("opsbus-hostile-").FullName;

    public Uri Address => ClientOptions.BaseAddress;

    /// <summary>Where the process keeps its SQLite files, secrets key and artifact content.</summary>
    public string DataDirectory => _data;

    /// <summary>Starts Kestrel on a free loopback port.</summary>
    public static HostileEdge Start(int tokenLimit = 1_000_000, Action<IServiceCollection>? configureServices = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var edge = new HostileEdge(tokenLimit, configureServices, settings);
        edge.UseKestrel(0);
        edge.StartServer();
        return edge;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("OPSBUS_DATA_DIR", _data);
        builder.UseSetting("OPSBUS_BOOTSTRAP_ADMIN_KEY", AdminKey);
        builder.UseSetting("LaneWorker:WorkerId", "hostile-worker");
        // Webhooks configured, as in production: unsigned deliveries are refused (401), not "not configured" (503).
        builder.UseSetting("Orchestrator:GitHub:WebhookSecret", "hostile-webhook-secret-0123456789");
        builder.UseSetting("Gateway:RateLimit:TokenLimit", tokenLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Gateway:RateLimit:TokensPerPeriod", tokenLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Critical));
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
        if (configureServices is not null)
            builder.ConfigureTestServices(configureServices);
    }

    public IReadOnlyList<RouteEndpoint> Endpoints =>
        Services.GetServices<EndpointDataSource>().SelectMany(source => source.Endpoints).OfType<RouteEndpoint>().ToList();

    /// <summary>A client that sends <paramref name="key"/> as its bearer token, or none.</summary>
    public HttpClient ClientWith(string? key)
    {
        var client = CreateClient();
        if (key is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Creates an API key with the admin key and returns it.</summary>
    public async Task<string> KeyOf(string name, string role)
    {
        using var admin = ClientWith(AdminKey);
        using var created = await admin.PostAsJsonAsync("/api/keys", new { name, role });
        created.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetString()!;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

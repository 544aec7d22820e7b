using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpsBus.Embedded.Tests;

/// <summary>
/// The one public process exactly as <c>dotnet run --project services/Gateway/OpsBus.Gateway.Host</c> composes it in
/// embedded mode (gateway, orchestrator, lane workers, artifacts, notifier), on a test server with its own data folder
/// and a known admin key; <paramref name="configureServices"/> adds to it (e.g. a test-only action).
/// </summary>
/// <param name="configureServices">Replaces services after the host registered its own.</param>
/// <param name="settings">More configuration (e.g. <c>Telemetry:Tracing</c>).</param>
internal sealed class EmbeddedEdge(Action<IServiceCollection> configureServices, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    public const string AdminKey = "opsbus_testadmin_0123456789abcdefghijklmnopqrstuv";
    public const string WorkerId = "edge-worker";

    private readonly string _data = Directory.CreateTempSubdirectory("opsbus-edge-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("OPSBUS_DATA_DIR", _data);
        builder.UseSetting("OPSBUS_BOOTSTRAP_ADMIN_KEY", AdminKey);
        builder.UseSetting("LaneWorker:WorkerId", WorkerId);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(configureServices);
    }

    /// <summary>A client that sends <paramref name="key"/> as its bearer token.</summary>
    public HttpClient ClientWith(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Creates an API key with the admin key and returns a client holding it.</summary>
    public async Task<HttpClient> ClientOf(string name, string role)
    {
        using var admin = ClientWith(AdminKey);
        using var created = await admin.PostAsJsonAsync("/api/keys", new { name, role });
        created.EnsureSuccessStatusCode();
        var key = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetString()!;
        return ClientWith(key);
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

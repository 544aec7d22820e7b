using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpsBus.Gateway.Edge;
using OpsBus.ServiceDefaults;
using OpsBus.Testing.Logging;

namespace OpsBus.Gateway.Tests.Infrastructure;

/// <summary>The gateway alone (<c>AddGateway</c> + <c>MapGateway</c>) on a test server, with its own SQLite file.</summary>
public sealed class GatewayApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GatewayApp(WebApplication app, DataDirectory data, StringWriter banner, CapturedLogs logs)
    {
        _app = app;
        Data = data;
        Banner = banner;
        Logs = logs;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public DataDirectory Data { get; }

    public StringWriter Banner { get; }

    public CapturedLogs Logs { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="settings">Added to (or overriding) the defaults: embedded mode with <see cref="EdgeFactory.AdminKey"/> configured.</param>
    public static async Task<GatewayApp> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, DataDirectory? data = null)
    {
        data ??= new DataDirectory();
        var banner = new StringWriter();
        var logs = new CapturedLogs();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        var configuration = new Dictionary<string, string?>
        {
            ["Gateway:ConnectionString"] = $"Data Source={data.GatewayDatabase}",
            ["OPSBUS_BOOTSTRAP_ADMIN_KEY"] = EdgeFactory.AdminKey,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            configuration[key] = value;
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton(new StartupBanner(TextWriter.Synchronized(banner)));

        builder.AddServiceDefaults();
        builder.AddGateway();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGateway();
        await app.StartAsync();
        return new GatewayApp(app, data, banner, logs);
    }

    /// <summary>Stops the server but keeps its data folder, for a restart on the same files.</summary>
    public async Task StopAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Data.Dispose();
    }
}

using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpsBus.LaneWorker;
using OpsBus.Orchestrator;
using OpsBus.ServiceDefaults;
using OpsBus.Testing;

namespace OpsBus.Embedded.Tests;

/// <summary>
/// Embedded mode with its REST API: the orchestrator (SQLite in an <see cref="EmbeddedDatabase"/>) and a lane worker
/// that also knows <see cref="LogFloodAction"/>, on the in-memory bus, serving <c>MapOrchestratorApi()</c> on Kestrel on
/// a free loopback port with <see cref="TestCallerAuthentication"/> in place of the gateway's keys.
/// </summary>
internal sealed class EmbeddedApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmbeddedApiHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<EmbeddedApiHost> StartAsync(EmbeddedDatabase database)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "InMemory",
            ["Orchestrator:Database"] = "Sqlite",
            ["Orchestrator:ConnectionString"] = database.ConnectionString,
            ["LaneWorker:WorkerId"] = "embedded-worker",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        builder.AddServiceDefaults();
        builder.AddOrchestrator();
        builder.AddLaneWorker();
        builder.Services.AddRunAction<LogFloodAction>();
        builder.AddOpsBusMessaging();
        builder.Services.AddAuthentication(TestCallerAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TestCallerAuthentication>(TestCallerAuthentication.SchemeName, null);
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOrchestratorApi();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new EmbeddedApiHost(app, new Uri(address));
    }

    /// <summary>A client calling as <paramref name="caller"/> (<c>name:role</c>).</summary>
    public HttpClient As(string caller) =>
        new() { BaseAddress = BaseAddress, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", caller) } };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

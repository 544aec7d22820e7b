using System.Net;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpsBus.Contracts;
using OpsBus.Notifier.Hubs;
using OpsBus.ServiceDefaults;
using OpsBus.Testing;

namespace OpsBus.Notifier.Tests;

/// <summary>
/// The notifier as a host registers it (<c>AddNotifier()</c>, <c>MapNotifierHub()</c>), on Kestrel on a free loopback
/// port and the in-memory bus, with <see cref="TestCallerAuthentication"/> and a <see cref="FakeOrchestrator"/>.
/// </summary>
internal sealed class NotifierHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<RunsClient> _clients = [];

    private NotifierHost(WebApplication app, Uri baseAddress, ConsumedMessages consumed)
    {
        _app = app;
        HubUrl = new Uri(baseAddress, RunsHub.Path);
        Consumed = consumed;
        Orchestrator = app.Services.GetRequiredService<FakeOrchestrator>();
    }

    public Uri HubUrl { get; }

    public FakeOrchestrator Orchestrator { get; }

    public ConsumedMessages Consumed { get; }

    public static async Task<NotifierHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "InMemory",
            ["Notifier:InstanceId"] = "notifier-under-test",
        });
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);

        builder.Services.AddAuthentication(TestCallerAuthentication.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, TestCallerAuthentication>(TestCallerAuthentication.SchemeName, null);
        builder.Services.AddSingleton<FakeOrchestrator>();
        builder.Services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        builder.AddNotifier();
        builder.Services.Messaging().Register(x => x.AddConsumer<FakeOrchestratorConsumer>());
        builder.AddOpsBusMessaging();

        var app = builder.Build();
        app.MapNotifierHub();
        await app.StartAsync();

        var consumed = new ConsumedMessages();
        app.Services.GetRequiredService<IBus>().ConnectConsumeObserver(consumed);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new NotifierHost(app, new Uri(address), consumed);
    }

    /// <summary>A connected client presenting <paramref name="key"/> (e.g. <c>alice:operator</c>) as a bearer token.</summary>
    public async Task<RunsClient> Connect(string key, KeyPlacement placement = KeyPlacement.Header)
    {
        var client = await RunsClient.Connect(HubUrl, key, placement);
        _clients.Add(client);
        return client;
    }

    public Task Publish<T>(T message)
        where T : class => _app.Services.GetRequiredService<IBus>().Publish(message);

    /// <summary>Publishes and waits until the notifier has finished with the change (so its push, if any, has gone out).</summary>
    public async Task PublishAndWait(RunStatusChanged change)
    {
        await Publish(change);
        await Consumed.WaitFor<RunStatusChanged>(m => m.RunId == change.RunId && m.Status == change.Status && m.Timestamp == change.Timestamp);
    }

    public async Task PublishAndWait(RunLogAppended appended)
    {
        await Publish(appended);
        await Consumed.WaitFor<RunLogAppended>(m => m.RunId == appended.RunId && m.Lines[0].Seq == appended.Lines[0].Seq);
    }

    public async Task PublishAndWait(RunRequested request)
    {
        await Publish(request);
        await Consumed.WaitFor<RunRequested>(m => m.RunId == request.RunId);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
            await client.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpsBus.Contracts;
using OpsBus.Notifier.Notifications;
using OpsBus.Notifier.Notifications.Api;
using OpsBus.Notifier.Notifications.Persistence;
using OpsBus.ServiceDefaults;
using OpsBus.Testing;

namespace OpsBus.Notifier.Tests.Notifications;

/// <summary>
/// Notifications as a host registers them (<c>AddNotifications()</c>, <c>MapNotificationsApi()</c>) on Kestrel on a
/// loopback port and the in-memory bus, with <see cref="TestCallerAuthentication"/>, an <see cref="AdjustableClock"/>,
/// fast retries and a fresh SQLite file unless the settings name another database.
/// </summary>
internal sealed class NotificationsHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _sqliteFile;
    private readonly List<HttpClient> _clients = [];

    private NotificationsHost(WebApplication app, Uri baseAddress, ConsumedMessages consumed, string? sqliteFile)
    {
        _app = app;
        BaseAddress = baseAddress;
        Consumed = consumed;
        _sqliteFile = sqliteFile;
        Clock = (AdjustableClock)app.Services.GetRequiredService<TimeProvider>();
    }

    public Uri BaseAddress { get; }

    public ConsumedMessages Consumed { get; }

    public AdjustableClock Clock { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<NotificationsHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var sqliteFile = Path.Combine(Path.GetTempPath(), $"opsbus-notifier-{Guid.NewGuid():N}.db");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "InMemory",
            ["Notifier:Notifications:ConnectionString"] = $"Data Source={sqliteFile}",
            ["Notifier:Notifications:UiBaseUrl"] = "https://opsbus.example.com/",
            ["Notifier:Notifications:AllowHttpUrls"] = "true",
            ["Notifier:Notifications:BackoffBase"] = "00:00:00.010",
            ["Notifier:Notifications:BackoffCap"] = "00:00:00.050",
            ["Notifier:Notifications:PollInterval"] = "00:00:00.050",
            ["Notifier:Notifications:RequestTimeout"] = "00:00:05",
        });
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);

        builder.Services.AddAuthentication(TestCallerAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TestCallerAuthentication>(TestCallerAuthentication.SchemeName, null);
        builder.Services.AddSingleton<TimeProvider>(new AdjustableClock());
        builder.Services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        builder.AddNotifications();
        builder.AddOpsBusMessaging();

        var app = builder.Build();
        app.MapNotificationsApi();
        await app.StartAsync();

        var consumed = new ConsumedMessages();
        app.Services.GetRequiredService<IBus>().ConnectConsumeObserver(consumed);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        var usesSqlite = builder.Configuration["Notifier:Notifications:Database"] is null or "Sqlite";
        return new NotificationsHost(app, new Uri(address + "/"), consumed, usesSqlite ? sqliteFile : null);
    }

    /// <summary>A client presenting <paramref name="key"/> (e.g. <c>root:admin</c>).</summary>
    public HttpClient As(string key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        _clients.Add(client);
        return client;
    }

    public HttpClient Admin => As("root:admin");

    /// <summary>Creates a channel through the API as an admin; fails the test if it is refused.</summary>
    public async Task<ChannelResponse> CreateChannelAsync(object request)
    {
        var response = await Admin.PostAsJsonAsync("api/notifications/channels", request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ChannelResponse>())!;
    }

    /// <summary>Publishes and waits until the notifications consumer has finished with it (its deliveries are queued).</summary>
    public async Task PublishAndWait(RunStatusChanged change)
    {
        bool Same(RunStatusChanged m) => m.RunId == change.RunId && m.Sequence == change.Sequence;
        var before = Consumed.Count<RunStatusChanged>(Same);
        await _app.Services.GetRequiredService<IBus>().Publish(change);
        await Eventually.True(() => Task.FromResult(Consumed.Count<RunStatusChanged>(Same) > before), TimeSpan.FromSeconds(10),
            "the status change to be consumed", TimeSpan.FromMilliseconds(5));
    }

    /// <summary>The channel's row as stored, credentials as they are at rest.</summary>
    public async Task<ChannelRecord> StoredChannelAsync(Guid id)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        return await db.Channels.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    public async Task<List<DeliveryRecord>> DeliveriesAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        return await db.Deliveries.AsNoTracking().OrderBy(d => d.CreatedAt).ToListAsync();
    }

    /// <summary>Waits until the only delivery to <paramref name="channelId"/> satisfies <paramref name="condition"/>, and returns it.</summary>
    public Task<DeliveryRecord> DeliveryAsync(Guid channelId, Func<DeliveryRecord, bool> condition, string what) =>
        Eventually.Get(async () => (await DeliveriesAsync()).SingleOrDefault(d => d.ChannelId == channelId && condition(d)),
            TimeSpan.FromSeconds(10), what, TimeSpan.FromMilliseconds(20));

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
            client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            File.Delete(_sqliteFile);
        }
    }
}

using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpsBus.Testing;

namespace OpsBus.Scheduling.Tests.Infrastructure;

/// <summary>
/// A service host as production wires it: the publish scheduler on an in-memory bus, the durable scheduler on the
/// scenario's database, and the test consumers.
/// </summary>
public sealed class SchedulerHost : IAsyncDisposable
{
    readonly IHost _host;

    SchedulerHost(IHost host) => _host = host;

    public static async Task<SchedulerHost> StartAsync(TestDatabase database, Deliveries deliveries, string name = "host",
        CapturedLogs? logs = null, Action<IBusRegistrationConfigurator>? configureBus = null, bool warmUp = true,
        Action<DurableSchedulerOptions>? configureScheduler = null, Action<DbContextOptionsBuilder>? configureDatabase = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("OpsBus.Scheduling", LogLevel.Debug);
        if (logs is not null)
            builder.Logging.AddProvider(logs);

        builder.Services.AddSingleton(deliveries);
        builder.Services.AddSingleton(new HostName(name));
        builder.Services.AddDbContext<TestDbContext>(options =>
        {
            database.Configure(options);
            configureDatabase?.Invoke(options);
        });
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        builder.Services.AddMassTransit(x =>
        {
            x.AddPublishMessageScheduler();
            x.AddDurableMessageScheduler<TestDbContext>(o =>
            {
                o.InstanceId = $"{name}-{Guid.NewGuid():N}";
                configureScheduler?.Invoke(o);
            });
            x.AddConsumer<ReminderDueConsumer>();
            configureBus?.Invoke(x);
            x.UsingInMemory((context, cfg) =>
            {
                cfg.UsePublishMessageScheduler();
                cfg.ConfigureEndpoints(context);
            });
        });

        var host = new SchedulerHost(builder.Build());
        await host._host.StartAsync();
        if (warmUp)
            await host.WarmUp(database, deliveries);
        return host;
    }

    /// <summary>
    /// One message through the whole path, so timing assertions measure a running service rather than this fresh
    /// host's JIT and EF query compilation (several hosts in one test process cannot share EF's caches).
    /// </summary>
    async Task WarmUp(TestDatabase database, Deliveries deliveries)
    {
        var warmUp = new ReminderDue(Guid.NewGuid(), "warm-up");
        var scheduled = await SchedulePublish(DateTime.UtcNow, warmUp);
        await deliveries.WaitFor<ReminderDue>(r => r.ReminderId == warmUp.ReminderId, TimeSpan.FromSeconds(30), "the warm-up message");
        await Eventually.True(async () => !await database.IsScheduledAsync(scheduled.TokenId),
            TimeSpan.FromSeconds(10), "the warm-up row retired");
    }

    public async Task<ScheduledMessage<T>> SchedulePublish<T>(DateTime dueAt, T message)
        where T : class
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMessageScheduler>().SchedulePublish(dueAt, message);
    }

    public async Task CancelScheduledPublish<T>(Guid tokenId)
        where T : class
    {
        await using var scope = _host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMessageScheduler>().CancelScheduledPublish<T>(tokenId);
    }

    /// <summary>Where <see cref="SchedulePublish{T}" /> sends a message of type <typeparamref name="T" /> when it is due.</summary>
    public Uri PublishAddressOf<T>()
        where T : class =>
        _host.Services.GetRequiredService<IBus>().Topology.TryGetPublishAddress<T>(out var address)
            ? address
            : throw new InvalidOperationException($"No publish address for {typeof(T).Name}");

    public Task Publish<T>(T message)
        where T : class => _host.Services.GetRequiredService<IBus>().Publish(message);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

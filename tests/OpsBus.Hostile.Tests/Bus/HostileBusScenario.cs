using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpsBus.ServiceDefaults;
using OpsBus.ServiceDefaults.Hygiene;
using OpsBus.Testing;

namespace OpsBus.Hostile.Tests.Bus;

/// <summary>
/// One service as its host registers it (<c>AddXyz()</c>, <c>AddOpsBusMessaging()</c>) on a fresh RabbitMQ virtual host,
/// SQLite files in a temporary folder, and what a spec needs to throw raw bytes at one of its queues and watch the outcome.
/// </summary>
internal sealed class HostileBusScenario : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly IHost _host;
    private readonly RawQueues _raw;
    private readonly ConsumedOnEndpoints _consumed;
    private readonly RejectedCounter _rejected;
    private readonly DirectoryInfo _folder;

    private HostileBusScenario(IHost host, RawQueues raw, ConsumedOnEndpoints consumed, RejectedCounter rejected, DirectoryInfo folder)
    {
        _host = host;
        _raw = raw;
        _consumed = consumed;
        _rejected = rejected;
        _folder = folder;
    }

    /// <param name="addService">Adds the service under test (and any stand-in it talks to) before the bus is built.</param>
    /// <param name="settings">The service's settings; <c>{folder}</c> is replaced by the scenario's temporary folder.</param>
    public static async Task<HostileBusScenario> StartAsync(Action<IHostApplicationBuilder> addService, IReadOnlyDictionary<string, string?> settings)
    {
        var rabbit = await TestRabbitMq.CreateAsync();
        var folder = Directory.CreateTempSubdirectory("opsbus-bus-hygiene-");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "RabbitMq",
            ["Bus:RabbitMqHost"] = rabbit.HostAddress.ToString(),
        });
        builder.Configuration.AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => s.Value?.Replace("{folder}", folder.FullName)));
        builder.Services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        addService(builder);
        builder.AddOpsBusMessaging();

        var host = builder.Build();
        var rejected = new RejectedCounter(host.Services.GetRequiredService<IMeterFactory>());
        await host.StartAsync();
        var consumed = new ConsumedOnEndpoints();
        host.Services.GetRequiredService<IBus>().ConnectReceiveObserver(consumed);
        return new HostileBusScenario(host, await RawQueues.ConnectAsync(rabbit.HostAddress), consumed, rejected, folder);
    }

    /// <summary>
    /// Puts three hostile messages on <paramref name="queue"/> (a body that is not JSON, an envelope of a message type
    /// nobody knows, and <paramref name="knownType"/> with <paramref name="badMessage"/>: fields of the wrong type), then a
    /// valid message (<paramref name="valid"/>), and proves the valid one is consumed, the queue drains, the two that cannot
    /// be read wait in <c>_error</c> with MassTransit's fault headers, the unknown one in <c>_skipped</c> with a reason,
    /// and the bus hygiene counter counted all three.
    /// </summary>
    public async Task ProveHostileMessagesAreSetAside(string queue, string knownType, string badMessage, object valid)
    {
        const string envelope = "application/vnd.masstransit+json";
        await _raw.Put(queue, envelope, "{\"messageId\":\"" + Guid.NewGuid() + "\",\"messageType\":[\"urn:message:OpsBus.Contracts:");
        await _raw.Put(queue, envelope, Envelope("OpsBus.Contracts:NoSuchCommand", "{\"runId\":\"" + Guid.NewGuid() + "\"}"));
        await _raw.Put(queue, envelope, Envelope(knownType, badMessage));

        var validId = NewId.NextGuid();
        var endpoint = await _host.Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri("queue:" + queue));
        await endpoint.Send(valid, context => context.MessageId = validId);

        await Eventually.True(() => Task.FromResult(_consumed.Has(queue, validId)), Deadline, $"the valid message on {queue} to be consumed after the hostile ones");
        await Eventually.True(async () => await _raw.Depth(queue + "_error") == 2 && await _raw.Depth(queue + "_skipped") == 1,
            Deadline, $"two messages in {queue}_error and one in {queue}_skipped");
        Assert.Equal(0u, await _raw.Depth(queue));

        var faulted = await _raw.Drain(queue + "_error");
        Assert.All(faulted, message =>
        {
            Assert.Equal("fault", message.Header("MT-Reason"));
            Assert.NotEmpty(message.Header("MT-Fault-ExceptionType"));
            Assert.NotEmpty(message.Header("MT-Fault-Message"));
            Assert.EndsWith("/" + queue, message.Header("MT-Fault-InputAddress"));
        });
        var unreadable = Assert.Single(faulted, message => message.Body.EndsWith("OpsBus.Contracts:", StringComparison.Ordinal));
        Assert.Equal("System.Text.Json.JsonReaderException", unreadable.Header("MT-Fault-ExceptionType"));
        var mistyped = Assert.Single(faulted, message => message.Body.Contains("urn:message:" + knownType, StringComparison.Ordinal));
        Assert.Contains("Guid", mistyped.Header("MT-Fault-Message"));

        var skipped = Assert.Single(await _raw.Drain(queue + "_skipped"));
        Assert.Contains("NoSuchCommand", skipped.Body);
        Assert.StartsWith($"skipped: no consumer on {queue} took the message", skipped.Header("MT-Reason"));
        Assert.Contains("urn:message:OpsBus.Contracts:NoSuchCommand", skipped.Header("MT-Reason"));

        await Eventually.True(() => Task.FromResult(_rejected.Total(queue, BusHygieneMetrics.Faulted) == 2 && _rejected.Total(queue, BusHygieneMetrics.Skipped) == 1),
            Deadline, $"{BusHygieneMetrics.RejectedInstrument} to count two faulted and one skipped on {queue}");
    }

    private static string Envelope(string messageType, string message) =>
        $$"""{"messageId":"{{Guid.NewGuid()}}","messageType":["urn:message:{{messageType}}"],"sentTime":"{{DateTime.UtcNow:O}}","message":{{message}}}""";

    public async ValueTask DisposeAsync()
    {
        await _raw.DisposeAsync();
        await _host.StopAsync();
        _host.Dispose();
        _rejected.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}

using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpsBus.Contracts;
using OpsBus.LoadTest.Cost;
using OpsBus.ServiceDefaults;

namespace OpsBus.LoadTest.Scenarios;

/// <summary>
/// What one message delivery costs on this machine when nothing else is on its path: the services' bus
/// (<c>AddOpsBusMessaging</c>, MassTransit 8.5) on the same RabbitMQ, durable queues and persistent messages, publishing an event the
/// shape of a run's status change to <c>--fan-out 2</c> queues whose consumers do nothing, flat out (at most
/// <c>--outstanding 512</c> deliveries waiting) for <c>--duration</c> after <c>--warmup</c>. The machine's busy CPU
/// over the window, divided by the deliveries, is a floor under the price of any design that moves a run along in
/// messages; OpsBus's deliveries per run (its throughput scenario) times it is the CPU no run can cost less than.
/// <c>--bus amqp://…</c>; <c>--pids DIR</c> as for the throughput scenario.
/// </summary>
internal static class BusFloorScenario
{
    public static async Task<BenchResult> RunAsync(Arguments args)
    {
        var fanOut = args.GetInt("fan-out", 2);
        var warmup = args.GetDuration("warmup", TimeSpan.FromSeconds(10));
        var duration = args.GetDuration("duration", TimeSpan.FromSeconds(30));
        var outstandingLimit = args.GetInt("outstanding", 512);
        var publishers = args.GetInt("concurrency", 32);
        // CPU only: deliveries are counted here, right beside each reading, rather than by the broker's slower counters.
        var meter = new CostMeter(args.Find("pids"), null);

        var deliveries = new DeliveryCount();
        // The services' own bus (AddOpsBusMessaging: their prefetch, filters and endpoint hygiene), with one endpoint
        // per queue of the fan-out instead of the one ConfigureEndpoints would give the consumer.
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = nameof(BusTransport.RabbitMq),
            ["Bus:RabbitMqHost"] = args.Get("bus"),
        });
        builder.Services.AddSingleton(deliveries);
        builder.Services.Messaging()
            .Register(x => x.AddConsumer<FloorConsumer>().ExcludeFromConfigureEndpoints())
            .ConfigureBus((context, cfg) =>
            {
                for (var i = 1; i <= fanOut; i++)
                    cfg.ReceiveEndpoint($"bench-bus-floor-{i}", e => e.ConfigureConsumer<FloorConsumer>(context));
            });
        builder.AddOpsBusMessaging();
        using var host = builder.Build();
        await host.StartAsync();
        var bus = host.Services.GetRequiredService<IBus>();
        try
        {
            using var stop = new CancellationTokenSource();
            long published = 0;
            var loops = Enumerable.Range(0, publishers).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    if (Interlocked.Read(ref published) * fanOut - deliveries.Value >= outstandingLimit)
                    {
                        await Task.Delay(1);
                        continue;
                    }
                    Interlocked.Increment(ref published);
                    await bus.Publish(new BusFloorPinged(Sample()));
                }
            })).ToList();

            await Task.Delay(warmup);
            var start = meter.ReadCpu();
            var deliveredAtStart = deliveries.Value;
            var seconds = Stopwatch.StartNew();
            await Task.Delay(duration);
            var window = CostWindow.Between(start, meter.ReadCpu());
            var delivered = deliveries.Value - deliveredAtStart;
            var over = seconds.Elapsed;
            await stop.CancelAsync();
            await Task.WhenAll(loops);

            var figures = new Dictionary<string, double>
            {
                ["fan_out"] = fanOut,
                ["deliveries"] = delivered,
                ["seconds"] = over.TotalSeconds,
                ["deliveries_per_s"] = delivered / over.TotalSeconds,
                ["cores"] = Environment.ProcessorCount,
            };
            window.AddFigures(figures, delivered, "delivery");
            var note = window.Describe(delivered);
            Console.WriteLine($"bus floor: {delivered} deliveries in {over.TotalSeconds:0.0} s ({delivered / over.TotalSeconds:0} /s), {window.MachineMs / delivered:0.000} ms of CPU each ({note})");
            return new BenchResult("bus-floor", "opsbus", figures, note);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>A status change as the orchestrator publishes it for a trivial run that succeeded.</summary>
    private static RunStatusChanged Sample()
    {
        var now = DateTime.UtcNow;
        return new RunStatusChanged(
            Guid.NewGuid(), RunStatuses.Succeeded, RunStatuses.Running, 1, 3, Lanes.Default[0], null, null, null, 0, "worker-1", "admin",
            now.AddMilliseconds(-40), now.AddMilliseconds(-30), now.AddMilliseconds(-25), now.AddMilliseconds(-25), now, null, now,
            Risk: "read", Sequence: 4);
    }
}

/// <summary>The bus floor's message: a status change under a type of its own, so that no OpsBus service hears it.</summary>
public sealed record BusFloorPinged(RunStatusChanged Change);

internal sealed class DeliveryCount
{
    private long _value;

    public long Value => Interlocked.Read(ref _value);

    public void Add() => Interlocked.Increment(ref _value);
}

internal sealed class FloorConsumer(DeliveryCount deliveries) : IConsumer<BusFloorPinged>
{
    public Task Consume(ConsumeContext<BusFloorPinged> context)
    {
        deliveries.Add();
        return Task.CompletedTask;
    }
}

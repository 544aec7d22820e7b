using OpsBus.Testing;
using Xunit.Abstractions;

namespace OpsBus.EndToEnd.Tests.Faults;

[Collection(nameof(DistributedCollection))]
[Trait("Category", "Integration")]
[Trait("Category", "Faults")]
public sealed class When_rabbitmq_restarts_under_load(ITestOutputHelper output)
{
    [Fact]
    public async Task Should_finish_every_accepted_run_once_the_broker_is_back()
    {
        await using var servers = await PrivateServers.StartAsync();
        await using var cluster = await DistributedCluster.StartAsync(new ClusterOptions { Servers = servers });
        var load = FaultLoad.OverTheBus(cluster, FaultDefaults.Load.Rate);
        // Longer than the other scenarios: the broker's restart and every client's reconnection take up to about ten
        // seconds on a loaded machine, and the load must go on past them for a request after the fault to be seen through.
        var (duration, faultAfter) = FaultScenario.Schedule(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(6));

        await new FaultScenario("restart-rabbitmq", cluster, load, output).RunAsync(duration, faultAfter, _ => servers.RestartRabbitMqAsync());
    }
}

[Collection(nameof(DistributedCollection))]
[Trait("Category", "Integration")]
[Trait("Category", "Faults")]
public sealed class When_postgresql_restarts_under_load(ITestOutputHelper output)
{
    [Fact]
    public async Task Should_finish_every_accepted_run_once_the_database_is_back()
    {
        await using var servers = await PrivateServers.StartAsync();
        await using var cluster = await DistributedCluster.StartAsync(new ClusterOptions { Servers = servers });
        var load = FaultLoad.OverTheBus(cluster, FaultDefaults.Load.Rate);
        var (duration, faultAfter) = FaultDefaults.Schedule;

        await new FaultScenario("restart-postgresql", cluster, load, output).RunAsync(duration, faultAfter, _ => servers.RestartPostgresAsync());
    }
}

[Collection(nameof(DistributedCollection))]
[Trait("Category", "Integration")]
[Trait("Category", "Faults")]
public sealed class When_the_orchestrator_is_cut_from_the_broker_for_ten_seconds(ITestOutputHelper output)
{
    private static readonly TimeSpan Cut = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Should_finish_every_accepted_run_once_it_reconnects()
    {
        var broker = new Uri(Environment.GetEnvironmentVariable(OpsBus.Testing.TestRabbitMq.UriVariable)
            ?? throw new InvalidOperationException($"{OpsBus.Testing.TestRabbitMq.UriVariable} is not set. Run the tests with scripts/test.sh."));
        await using var proxy = new TcpProxy(broker.Port);
        await using var cluster = await DistributedCluster.StartAsync(new ClusterOptions { OrchestratorBroker = proxy.Through });
        var load = FaultLoad.OverTheBus(cluster, FaultDefaults.Load.Rate);
        var (duration, faultAfter) = FaultScenario.Schedule(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(4));

        await new FaultScenario("cut-orchestrator-from-broker", cluster, load, output).RunAsync(duration, faultAfter, async _ =>
        {
            proxy.Cut(Cut);
            await Task.Delay(Cut);
        });
    }
}

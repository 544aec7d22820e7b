using OpsBus.Testing;

namespace OpsBus.EndToEnd.Tests;

/// <summary>How a <see cref="DistributedCluster"/> is started.</summary>
internal sealed record ClusterOptions
{
    public bool WithEdge { get; init; }

    /// <summary>The workers' <c>LaneWorker:Databases</c> (name → connection string).</summary>
    public IReadOnlyDictionary<string, string>? WorkerDatabases { get; init; }

    /// <summary>Where the databases and the virtual host are made; the test command's servers when null.</summary>
    public IClusterServers? Servers { get; init; }

    /// <summary>The broker address the orchestrator is given instead of the real one (a proxy in front of it).</summary>
    public Func<Uri, Uri>? OrchestratorBroker { get; init; }

    /// <summary>Extra gateway settings (environment variable names).</summary>
    public IReadOnlyDictionary<string, string>? GatewaySettings { get; init; }
}

/// <summary>The PostgreSQL and RabbitMQ servers a cluster's databases and virtual host live on.</summary>
internal interface IClusterServers
{
    Task<ClusterDatabase> CreateDatabaseAsync();

    /// <summary>The AMQP address, credentials and virtual host included, of a virtual host of the cluster's own.</summary>
    Task<Uri> CreateVirtualHostAsync();
}

/// <summary>A database made for one cluster; <see cref="DropAsync"/> removes it.</summary>
internal sealed record ClusterDatabase(string ConnectionString, Func<ValueTask> DropAsync);

/// <summary>The servers the test command started and shares between tests: a throwaway database and virtual host each time.</summary>
internal sealed class SharedServers : IClusterServers
{
    public static readonly SharedServers Instance = new();

    public async Task<ClusterDatabase> CreateDatabaseAsync()
    {
        var database = await TestPostgres.CreateAsync();
        return new ClusterDatabase(database.ConnectionString, database.DisposeAsync);
    }

    public async Task<Uri> CreateVirtualHostAsync() => (await TestRabbitMq.CreateAsync()).HostAddress;
}

using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpsBus.Orchestrator.Persistence;
using OpsBus.Testing;

namespace OpsBus.Orchestrator.Tests;

public sealed class When_the_database_restarts_during_a_recovery_sweep
{
    [Fact]
    public async Task Should_sweep_again_at_the_next_interval_and_keep_the_orchestrator_running()
    {
        var database = new StartingDatabase();
        await using var orchestrator = await OrchestratorHarness.StartAsync(heartbeatInterval: TimeSpan.FromMilliseconds(200),
            configureServices: services => services.ConfigureDbContext<SqliteOrchestratorDbContext>(o => o.AddInterceptors(database)));
        var lifetime = orchestrator.Services.GetRequiredService<IHostApplicationLifetime>();
        await Eventually.True(() => Task.FromResult(database.Answered > 0), TimeSpan.FromSeconds(10), "a first sweep");

        database.Refuse(sweeps: 3);
        await Eventually.True(() => Task.FromResult(database.Refused == 3), TimeSpan.FromSeconds(10), "three sweeps refused");
        var answeredBefore = database.Answered;
        await Eventually.True(() => Task.FromResult(database.Answered > answeredBefore), TimeSpan.FromSeconds(10), "a sweep once it is back");

        Assert.False(lifetime.ApplicationStopping.IsCancellationRequested, "the orchestrator kept running");
    }

    /// <summary>
    /// The runs table's queries, refused while asked to as a PostgreSQL that is starting up refuses them (57P03), wrapped
    /// the way EF Core reports a transient failure.
    /// </summary>
    private sealed class StartingDatabase : DbCommandInterceptor
    {
        private int _toRefuse;
        private int _refused;
        private int _answered;

        public int Refused => Volatile.Read(ref _refused);

        public int Answered => Volatile.Read(ref _answered);

        public void Refuse(int sweeps) => Interlocked.Exchange(ref _toRefuse, sweeps);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (!command.CommandText.Contains("FROM \"runs\"", StringComparison.Ordinal))
                return ValueTask.FromResult(result);
            if (Interlocked.Decrement(ref _toRefuse) >= 0)
            {
                Interlocked.Increment(ref _refused);
                throw new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", new NotAcceptingConnections());
            }
            Interlocked.Exchange(ref _toRefuse, 0);
            Interlocked.Increment(ref _answered);
            return ValueTask.FromResult(result);
        }
    }

    private sealed class NotAcceptingConnections() : DbException("the database system is not yet accepting connections")
    {
        public override string SqlState => "57P03";
    }
}

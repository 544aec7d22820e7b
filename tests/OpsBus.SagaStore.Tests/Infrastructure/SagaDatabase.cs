using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OpsBus.SagaStore.Tests.Counters;
using OpsBus.Testing;

namespace OpsBus.SagaStore.Tests.Infrastructure;

public enum DatabaseEngine
{
    PostgreSql,
    Sqlite,
}

/// <summary>An empty database with the counter schema, dropped on dispose.</summary>
public sealed class SagaDatabase : IAsyncDisposable
{
    readonly Action<DbContextOptionsBuilder> _configure;
    readonly Func<ValueTask> _drop;

    SagaDatabase(Action<DbContextOptionsBuilder> configure, Func<ValueTask> drop)
    {
        _configure = configure;
        _drop = drop;
    }

    /// <param name="engine">The database engine.</param>
    /// <param name="proxy">PostgreSQL only: reach the server through this proxy, to cut the saga store off it.</param>
    public static async Task<SagaDatabase> CreateAsync(DatabaseEngine engine, TcpProxy? proxy = null)
    {
        var database = engine switch
        {
            DatabaseEngine.PostgreSql => await CreatePostgreSqlAsync(proxy),
            DatabaseEngine.Sqlite => CreateSqlite(),
            _ => throw new ArgumentOutOfRangeException(nameof(engine)),
        };

        await using var dbContext = database.CreateDbContext();
        await dbContext.Database.EnsureCreatedAsync();
        return database;
    }

    public void Configure(DbContextOptionsBuilder options)
    {
        _configure(options);
    }

    public CounterDbContext CreateDbContext()
    {
        var options = new DbContextOptionsBuilder<CounterDbContext>();
        _configure(options);
        return new CounterDbContext(options.Options);
    }

    public ValueTask DisposeAsync()
    {
        return _drop();
    }

    static async Task<SagaDatabase> CreatePostgreSqlAsync(TcpProxy? proxy)
    {
        var postgres = await TestPostgres.CreateAsync();
        var connectionString = proxy is null
            ? postgres.ConnectionString
            : new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Port = proxy.Port }.ConnectionString;
        return new SagaDatabase(options => options.UseNpgsql(connectionString), postgres.DisposeAsync);
    }

    static SagaDatabase CreateSqlite()
    {
        var path = Path.Combine(Path.GetTempPath(), $"opsbus-sagastore-{Guid.NewGuid():N}.db");
        // Without pooling no connection keeps the file open after the test.
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        return new SagaDatabase(options => options.UseSqlite(connectionString), () =>
        {
            File.Delete(path);
            return ValueTask.CompletedTask;
        });
    }
}

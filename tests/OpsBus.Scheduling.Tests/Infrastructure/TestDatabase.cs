using Microsoft.EntityFrameworkCore;
using OpsBus.Testing;

namespace OpsBus.Scheduling.Tests.Infrastructure;

/// <summary>A throwaway database for one scenario, PostgreSQL or a SQLite file, with the schema created.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    readonly Func<ValueTask> _drop;

    TestDatabase(Action<DbContextOptionsBuilder> configure, Func<ValueTask> drop)
    {
        Configure = configure;
        _drop = drop;
    }

    public Action<DbContextOptionsBuilder> Configure { get; }

    public static async Task<TestDatabase> PostgresAsync()
    {
        var postgres = await TestPostgres.CreateAsync();
        var database = new TestDatabase(o => o.UseNpgsql(postgres.ConnectionString), postgres.DisposeAsync);
        await database.CreateSchemaAsync();
        return database;
    }

    /// <param name="createSchema">false leaves the file without tables, as a database that is not reachable yet.</param>
    public static async Task<TestDatabase> SqliteAsync(bool createSchema = true)
    {
        var directory = Directory.CreateTempSubdirectory("opsbus-scheduling-");
        var path = Path.Combine(directory.FullName, "scheduler.db");
        var database = new TestDatabase(o => o.UseSqlite($"Data Source={path};Pooling=False"), () =>
        {
            directory.Delete(recursive: true);
            return ValueTask.CompletedTask;
        });
        if (createSchema)
            await database.CreateSchemaAsync();
        return database;
    }

    public async Task CreateSchemaAsync()
    {
        await using var db = Open();
        await db.Database.EnsureCreatedAsync();
    }

    public TestDbContext Open()
    {
        var builder = new DbContextOptionsBuilder<TestDbContext>();
        Configure(builder);
        return new TestDbContext(builder.Options);
    }

    public async Task<int> CountScheduledAsync()
    {
        await using var db = Open();
        return await db.Set<ScheduledMessage>().CountAsync();
    }

    public async Task<bool> IsScheduledAsync(Guid tokenId)
    {
        await using var db = Open();
        return await db.Set<ScheduledMessage>().AnyAsync(x => x.TokenId == tokenId);
    }

    public async Task<TombstoneReason?> TombstoneAsync(Guid tokenId)
    {
        await using var db = Open();
        var tombstone = await db.Set<ScheduledMessageTombstone>().FindAsync(tokenId);
        return tombstone?.Reason;
    }

    public ValueTask DisposeAsync() => _drop();
}

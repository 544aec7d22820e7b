using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace OpsBus.Notifier.Notifications.Persistence;

/// <summary>Lets <c>dotnet ef migrations add X --context PostgresNotificationsDbContext</c> build the model without a host.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresNotificationsDbContext>
{
    public PostgresNotificationsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresNotificationsDbContext>().UseNpgsql("Host=127.0.0.1;Database=opsbus_notifier_design").Options);
}

/// <summary>Lets <c>dotnet ef migrations add X --context SqliteNotificationsDbContext</c> build the model without a host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteNotificationsDbContext>
{
    public SqliteNotificationsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteNotificationsDbContext>().UseSqlite("Data Source=notifier-design.db").Options);
}

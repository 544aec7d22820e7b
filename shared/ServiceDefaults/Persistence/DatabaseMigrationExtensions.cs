using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace OpsBus.ServiceDefaults.Persistence;

public static class DatabaseMigrationExtensions
{
    /// <summary>Migrates <typeparamref name="TDbContext"/>'s database when the host starts; hosted services registered after it see the schema.</summary>
    public static IServiceCollection AddDatabaseMigrationAtStart<TDbContext>(this IServiceCollection services)
        where TDbContext : DbContext =>
        services.AddHostedService<DatabaseMigrator<TDbContext>>();
}

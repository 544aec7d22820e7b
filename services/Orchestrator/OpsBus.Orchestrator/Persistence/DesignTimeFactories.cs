using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace OpsBus.Orchestrator.Persistence;

/// <summary>Lets <c>dotnet ef migrations add X --context PostgresOrchestratorDbContext</c> build the model without a host.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresOrchestratorDbContext>
{
    public PostgresOrchestratorDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresOrchestratorDbContext>().UseNpgsql("Host=127.0.0.1;Database=opsbus_design").Options);
}

/// <summary>Lets <c>dotnet ef migrations add X --context SqliteOrchestratorDbContext</c> build the model without a host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteOrchestratorDbContext>
{
    public SqliteOrchestratorDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteOrchestratorDbContext>().UseSqlite("Data Source=design.db").Options);
}

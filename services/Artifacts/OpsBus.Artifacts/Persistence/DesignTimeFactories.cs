using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace OpsBus.Artifacts.Persistence;

/// <summary>Lets <c>dotnet ef migrations add X --context PostgresArtifactsDbContext</c> build the model without a host.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresArtifactsDbContext>
{
    public PostgresArtifactsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresArtifactsDbContext>().UseNpgsql("Host=127.0.0.1;Database=opsbus_artifacts_design").Options);
}

/// <summary>Lets <c>dotnet ef migrations add X --context SqliteArtifactsDbContext</c> build the model without a host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteArtifactsDbContext>
{
    public SqliteArtifactsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteArtifactsDbContext>().UseSqlite("Data Source=artifacts-design.db").Options);
}

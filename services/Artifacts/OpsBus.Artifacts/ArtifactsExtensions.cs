using MassTransit;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpsBus.Artifacts.Api;
using OpsBus.Artifacts.Persistence;
using OpsBus.Artifacts.Retention;
using OpsBus.Artifacts.Runs;
using OpsBus.Artifacts.Storage;
using OpsBus.Contracts;
using OpsBus.ServiceDefaults;
using OpsBus.ServiceDefaults.Persistence;

namespace OpsBus.Artifacts;

public static class ArtifactsExtensions
{
    /// <summary>
    /// The artifacts service: metadata in its own database (PostgreSQL or SQLite), content on local disk or in an
    /// S3-compatible store, run owners learnt from <c>RunRequested</c> (or from the orchestrator, for a run whose request
    /// has not arrived yet), and the retention sweep. <c>ArtifactStored</c> is published after each commit. The host maps
    /// the REST API with <c>MapArtifactsApi()</c>.
    /// </summary>
    public static IHostApplicationBuilder AddArtifacts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ArtifactsOptions>().BindConfiguration(ArtifactsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<ArtifactsOptions>, ArtifactsOptionsValidator>();
        var options = builder.Configuration.GetSection(ArtifactsOptions.SectionName).Get<ArtifactsOptions>() ?? new ArtifactsOptions();

        if (options.Database == ArtifactsDatabase.Postgres)
        {
            // Pooled: every bus message and request gets a context; a pooled one skips building its services and options.
            services.AddDbContextPool<ArtifactsDbContext, PostgresArtifactsDbContext>(db => db.UseNpgsql(PostgresConnections.TunedForShortStatements(options.ConnectionString)));
        }
        else
        {
            services.AddDbContext<ArtifactsDbContext, SqliteArtifactsDbContext>(db => db.UseSqlite(options.ConnectionString));
        }
        services.AddDatabaseMigrationAtStart<ArtifactsDbContext>();
        services.AddHealthChecks().AddDbContextCheck<ArtifactsDbContext>("artifacts-database", tags: ["ready"]);

        if (options.Storage == ArtifactStorageKind.S3)
            services.AddSingleton<IArtifactStorage, S3ArtifactStorage>();
        else
            services.AddSingleton<IArtifactStorage, DiskArtifactStorage>();
        services.AddMetrics();
        services.AddSingleton<ArtifactsMetrics>();
        services.AddScoped<ArtifactStore>();
        services.AddScoped<ArtifactRetention>();
        services.AddScoped<RunOwners>();
        services.AddHostedService<ArtifactRetentionService>();

        services.Messaging().Register(x =>
        {
            x.AddConsumer<RunOwnerConsumer, RunOwnerConsumerDefinition>();
            // A timeout out of range is refused at start (ArtifactsOptionsValidator); until then, the default stands in.
            x.AddRequestClient<GetRunSnapshot>(options.Problem() is null ? RequestTimeout.After(ms: (int)options.OrchestratorTimeout.TotalMilliseconds) : RequestTimeout.Default);
        });
        return builder;
    }

    /// <summary>The artifacts REST API: uploads and reads under <c>/api/runs/{id}/artifacts</c>, <c>/api/runs/{id}/artifacts.zip</c> and <c>/api/artifacts/{id}</c>.</summary>
    public static IEndpointRouteBuilder MapArtifactsApi(this IEndpointRouteBuilder app) => app.MapArtifactsEndpoints();
}

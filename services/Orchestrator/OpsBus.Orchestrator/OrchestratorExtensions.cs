using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpsBus.Orchestrator.Api;
using OpsBus.Orchestrator.Persistence;
using OpsBus.Orchestrator.ReadModel;
using OpsBus.Orchestrator.Runs;
using OpsBus.Orchestrator.SessionLanes;
using OpsBus.SagaStore;
using OpsBus.Scheduling;
using OpsBus.ServiceDefaults;

namespace OpsBus.Orchestrator;

public static class OrchestratorExtensions
{
    /// <summary>
    /// The orchestrator: run and session-lane sagas in its own database (PostgreSQL or SQLite), the runs read model,
    /// and durable scheduled messages (heartbeat timeouts, retry backoff). The host maps the REST API with
    /// <c>MapRunsApi()</c> and <c>MapSessionsApi()</c>.
    /// </summary>
    public static IHostApplicationBuilder AddOrchestrator(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OrchestratorOptions>().BindConfiguration(OrchestratorOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(OrchestratorOptions.SectionName).Get<OrchestratorOptions>() ?? new OrchestratorOptions();

        services.AddOrchestratorDatabase(options);
        services.AddHostedService<DatabaseMigrator>();
        services.AddHealthChecks().AddDbContextCheck<OrchestratorDbContext>("orchestrator-database", tags: ["ready"]);
        services.AddScoped<RunSnapshots>();
        services.AddScoped<RunAcceptance>();

        services.Messaging()
            .Register(x =>
            {
                x.AddSagaStateMachine<RunStateMachine, RunState, RunStateDefinition>().EfCoreRepository<RunState, OrchestratorDbContext>();
                x.AddSagaStateMachine<SessionLaneStateMachine, SessionLaneState, SessionLaneStateDefinition>().EfCoreRepository<SessionLaneState, OrchestratorDbContext>();
                x.AddConsumer<RunProjection, RunProjectionDefinition>();
                x.AddConsumer<GetRunSnapshotConsumer, GetRunSnapshotConsumerDefinition>();
                if (options.Scheduler == SchedulerKind.Durable)
                {
                    x.AddPublishMessageScheduler();
                    x.AddDurableMessageScheduler<OrchestratorDbContext>();
                }
                else
                {
                    x.AddDelayedMessageScheduler();
                }
            })
            .ConfigureBus((_, cfg) =>
            {
                if (options.Scheduler == SchedulerKind.Durable)
                    cfg.UsePublishMessageScheduler();
                else
                    cfg.UseDelayedMessageScheduler();
            });

        return builder;
    }

    /// <summary>
    /// The orchestrator runs many short statements on pooled connections: skip the session reset a pooled connection
    /// gets on every open (nothing here changes session state), and let Npgsql prepare the statements it sees most.
    /// Settings given explicitly in the connection string win.
    /// </summary>
    private static string TunedForShortStatements(string? connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!HasKey(connectionString, "No Reset On Close"))
            builder.NoResetOnClose = true;
        if (!HasKey(connectionString, "Max Auto Prepare"))
            builder.MaxAutoPrepare = 64;
        return builder.ConnectionString;

        static bool HasKey(string? value, string key) =>
            value?.Contains(key, StringComparison.OrdinalIgnoreCase) == true || value?.Contains(key.Replace(" ", ""), StringComparison.OrdinalIgnoreCase) == true;
    }

    private static void AddOrchestratorDatabase(this IServiceCollection services, OrchestratorOptions options)
    {
        if (options.Database == DatabaseProvider.Postgres)
        {
            services.AddDbContext<OrchestratorDbContext, PostgresOrchestratorDbContext>(db => db.UseNpgsql(TunedForShortStatements(options.ConnectionString)));
        }
        else
        {
            services.AddDbContext<OrchestratorDbContext, SqliteOrchestratorDbContext>(db => db.UseSqlite(options.ConnectionString));
        }
    }
}

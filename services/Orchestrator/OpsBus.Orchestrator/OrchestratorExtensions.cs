using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpsBus.Orchestrator.Api;
using OpsBus.Orchestrator.Persistence;
using OpsBus.Orchestrator.ReadModel;
using OpsBus.Orchestrator.Runs;
using OpsBus.Orchestrator.Schedules;
using OpsBus.Orchestrator.SessionLanes;
using OpsBus.Orchestrator.Specs;
using OpsBus.Orchestrator.Telemetry;
using OpsBus.Orchestrator.Templates;
using OpsBus.Orchestrator.Triggers;
using OpsBus.Runbooks.Intents;
using OpsBus.Runbooks.Templates;
using OpsBus.SagaStore;
using OpsBus.Scheduling;
using OpsBus.ServiceDefaults;
using OpsBus.ServiceDefaults.Persistence;

namespace OpsBus.Orchestrator;

public static class OrchestratorExtensions
{
    /// <summary>
    /// The orchestrator: run and session-lane sagas in its own database (PostgreSQL or SQLite), the runs read model,
    /// durable scheduled messages (heartbeat timeouts, retry backoff, approval expiry, schedule ticks), the runbook
    /// templates (the shipped ones are installed at start), recurring schedules, GitHub trigger rules with the commit
    /// statuses of the runs they request, and the spec documents that <c>spec.generate</c> steps generate. The host maps
    /// the REST API with <c>MapOrchestratorApi()</c>.
    /// </summary>
    public static IHostApplicationBuilder AddOrchestrator(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OrchestratorOptions>().BindConfiguration(OrchestratorOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.Approvals.IsValid(), $"{OrchestratorOptions.SectionName}:Approvals:RequireForRisks lists a risk other than {string.Join(", ", TemplateRisks.All)}.")
            .ValidateOnStart();
        services.AddOptions<SecretsOptions>().BindConfiguration(SecretsOptions.SectionName)
            .Validate(o => IsUsable(o), $"{SecretsOptions.SectionName}:Key must be base64 of 32 random bytes.")
            .ValidateOnStart();
        services.AddOptions<GitHubTriggerOptions>().BindConfiguration(GitHubTriggerOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.Problem() is null, "Orchestrator:GitHub is inconsistent: BaseUrl and RunLinkBaseUrl must be absolute http(s) URLs, RunLinkBaseUrl is required with Token, QueueTimeout is at most 9 s.")
            .ValidateOnStart();
        var options = builder.Configuration.GetSection(OrchestratorOptions.SectionName).Get<OrchestratorOptions>() ?? new OrchestratorOptions();
        var gitHub = builder.Configuration.GetSection(GitHubTriggerOptions.SectionName).Get<GitHubTriggerOptions>() ?? new GitHubTriggerOptions();

        services.AddOrchestratorDatabase(options);
        services.AddDatabaseMigrationAtStart<OrchestratorDbContext>();
        services.AddHostedService<ShippedTemplateInstaller>();
        services.AddHostedService<InFlightRunRecovery>();
        services.AddMetrics();
        services.AddSingleton<RunMetrics>();
        services.AddHostedService<RunGauges>();
        services.AddHealthChecks().AddDbContextCheck<OrchestratorDbContext>("orchestrator-database", tags: ["ready"]);
        services.AddScoped<RunSnapshots>();
        services.AddScoped<RunAcceptance>();
        services.AddScoped<TemplateStore>();
        services.AddScoped<TemplateRunPlanner>();
        services.AddSingleton<ApprovalPolicy>();
        services.AddSingleton<IntentParser>();
        services.AddScoped<IntentPlanner>();
        services.AddScoped<ScheduledRuns>();
        services.AddScoped<ScheduleTicks>();
        services.AddScoped<TriggerRules>();
        services.AddScoped<TriggeredRuns>();
        services.AddSingleton<GitHubStatuses>();
        services.AddHttpClient(GitHubStatuses.ClientName);
        services.AddScoped<SpecDocStore>();

        services.Messaging()
            .Register(x =>
            {
                x.AddSagaStateMachine<RunStateMachine, RunState, RunStateDefinition>().EfCoreRepository<RunState, OrchestratorDbContext>();
                x.AddSagaStateMachine<SessionLaneStateMachine, SessionLaneState, SessionLaneStateDefinition>().EfCoreRepository<SessionLaneState, OrchestratorDbContext>();
                x.AddConsumer<RunProjection, RunProjectionDefinition>();
                x.AddConsumer<RunLogProjection, RunLogProjectionDefinition>();
                x.AddConsumer<GetRunSnapshotConsumer, GetRunSnapshotConsumerDefinition>();
                x.AddConsumer<RunScheduleDueConsumer>();
                x.AddConsumer<GitHubDeliveryConsumer, GitHubDeliveryConsumerDefinition>();
                // Only with a token: its queue would otherwise receive every status change of every run to drop it.
                if (gitHub.ReportsStatuses)
                    x.AddConsumer<CommitStatusReporter, CommitStatusReporterDefinition>();
                x.AddConsumer<SpecDocumentsGeneratedConsumer, SpecDocumentsGeneratedConsumerDefinition>();
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
    /// The orchestrator's REST API: runs (with approvals), sessions, templates, intents, schedules, trigger rules, spec
    /// documents, and the GitHub webhook (anonymous: deliveries are authenticated by their signature).
    /// </summary>
    public static IEndpointRouteBuilder MapOrchestratorApi(this IEndpointRouteBuilder app)
    {
        app.MapRunsApi();
        app.MapSessionsApi();
        app.MapTemplatesApi();
        app.MapIntentsApi();
        app.MapSchedulesApi();
        app.MapTriggersApi();
        app.MapGitHubWebhooks();
        app.MapSpecDocsApi();
        return app;
    }

    private static bool IsUsable(SecretsOptions options)
    {
        try
        {
            options.CreateProtector();
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void AddOrchestratorDatabase(this IServiceCollection services, OrchestratorOptions options)
    {
        if (options.Database == DatabaseProvider.Postgres)
        {
            // Pooled: every bus message and request gets a context; a pooled one skips building its services and options.
            services.AddDbContextPool<OrchestratorDbContext, PostgresOrchestratorDbContext>(db => db.UseNpgsql(PostgresConnections.TunedForShortStatements(options.ConnectionString)));
        }
        else
        {
            services.AddDbContext<OrchestratorDbContext, SqliteOrchestratorDbContext>(db => db.UseSqlite(options.ConnectionString));
        }
    }
}

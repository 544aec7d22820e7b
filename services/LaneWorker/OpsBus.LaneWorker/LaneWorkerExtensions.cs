using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OpsBus.Contracts;
using OpsBus.LaneWorker.Actions;
using OpsBus.LaneWorker.Actions.SpecKit;
using OpsBus.LaneWorker.Adapters;
using OpsBus.LaneWorker.Artifacts;
using OpsBus.LaneWorker.Consumers;
using OpsBus.LaneWorker.Execution;
using OpsBus.Runbooks.Secrets;
using OpsBus.ServiceDefaults;

namespace OpsBus.LaneWorker;

public static class LaneWorkerExtensions
{
    /// <summary>
    /// A lane worker: competing consumers on the configured lane queues, the runbook engine and its actions.
    /// Stateless; scale by adding processes.
    /// </summary>
    public static IHostApplicationBuilder AddLaneWorker(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<LaneWorkerOptions>().BindConfiguration(LaneWorkerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(LaneWorkerOptions.SectionName).Get<LaneWorkerOptions>() ?? new LaneWorkerOptions();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ActiveRuns>();
        services.AddMetrics();
        services.AddSingleton<LaneWorkerTelemetry>();
        services.AddSingleton<ExecutionJournal>();
        services.AddSingleton<RunActionRegistry>();
        services.AddScoped<RunExecutor>();
        services.AddHostedService<WorkerShutdown>();
        services.AddHttpClient();
        // Optional: without Secrets:Key a run whose plan carries a secret fails at the step that needs it.
        if (builder.Configuration[SecretProtector.KeySetting] is { Length: > 0 } secretsKey)
            services.AddSingleton(SecretProtector.FromBase64(secretsKey));
        services.AddRunArtifacts(options);
        services.AddAdapterHttpClient(HttpCheckAction.ClientName);
        services.AddAdapterHttpClient(HttpRequestAction.ClientName);
        services.AddAdapterHttpClient(TargetCheckAction.ClientName);
        services.AddRunAction<EchoAction>();
        services.AddRunAction<SleepAction>();
        services.AddRunAction<FailAction>();
        services.AddRunAction<HttpCheckAction>();
        services.AddRunAction<HttpRequestAction>();
        services.AddRunAction<TargetCheckAction>();
        services.AddRunAction<SchemaDiffAction>();
        services.AddVendorAdapters(builder.Configuration);
        services.AddSpecKitActions();

        services.Messaging()
            .Register(x =>
            {
                x.AddRequestClient<ClaimRun>();
                x.AddConsumer<ExecuteRunConsumer>().ExcludeFromConfigureEndpoints();
                x.AddConsumer<RunCancellationRequestedConsumer>()
                    .Endpoint(e =>
                    {
                        e.InstanceId = SanitizeInstanceId(options.WorkerId);
                        e.Temporary = true;
                    });
            })
            .ConfigureBus((context, cfg) =>
            {
                foreach (var lane in options.Lanes.Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    cfg.ReceiveEndpoint(Lanes.QueueName(lane), e =>
                    {
                        // ExecuteRun is sent to one lane's queue, never published to all of them.
                        e.ConfigureConsumeTopology = false;
                        e.ConcurrentMessageLimit = options.ConcurrencyPerLane;
                        e.PrefetchCount = options.ConcurrencyPerLane;
                        e.UseMessageRetry(r =>
                        {
                            r.Handle<RequestTimeoutException>();
                            r.Intervals(1000, 2000, 5000, 10_000, 30_000);
                        });
                        e.ConfigureConsumer<ExecuteRunConsumer>(context);
                    });
                }
            });

        return builder;
    }

    /// <summary>Adds an action plans can name.</summary>
    public static IServiceCollection AddRunAction<TAction>(this IServiceCollection services)
        where TAction : class, IRunAction
    {
        services.AddSingleton<IRunAction, TAction>();
        return services;
    }

    private static string SanitizeInstanceId(string workerId) =>
        new(workerId.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
}

using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpsBus.Notifier.Consumers;
using OpsBus.Notifier.Hubs;
using OpsBus.Notifier.Runs;
using OpsBus.ServiceDefaults;

namespace OpsBus.Notifier;

public static class NotifierExtensions
{
    /// <summary>
    /// The notifier: the <see cref="RunsHub"/> and the consumers that feed it. Every instance reads every run event on
    /// its own temporary queue, so instances scale out without a SignalR backplane. The host chooses how callers
    /// authenticate (the default scheme); the hub only needs an authenticated principal with a name and roles.
    /// </summary>
    public static IHostApplicationBuilder AddNotifier(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<NotifierOptions>().BindConfiguration(NotifierOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(NotifierOptions.SectionName).Get<NotifierOptions>() ?? new NotifierOptions();

        services.AddSignalR();
        services.AddAuthorization();
        services.AddSingleton<RunCache>();
        services.AddSingleton<RunSubscriptions>();
        services.AddSingleton<OrchestratorSnapshots>();
        services.AddSingleton<RunVisibility>();
        services.AddSingleton<StatusOrder>();
        services.AddSingleton<RunLogCoalescer>();
        services.AddSingleton<RunPusher>();

        services.Messaging().Register(x =>
            x.AddConsumer<RunEventsConsumer, RunEventsConsumerDefinition>()
                .Endpoint(e =>
                {
                    e.InstanceId = SanitizeInstanceId(options.InstanceId);
                    e.Temporary = true;
                }));

        return builder;
    }

    /// <summary>Maps the <see cref="RunsHub"/> at <c>/hubs/runs</c>.</summary>
    public static HubEndpointConventionBuilder MapNotifierHub(this IEndpointRouteBuilder app) =>
        app.MapHub<RunsHub>(RunsHub.Path);

    private static string SanitizeInstanceId(string instanceId) =>
        new(instanceId.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
}

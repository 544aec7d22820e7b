using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpsBus.ServiceDefaults.Hygiene;

namespace OpsBus.ServiceDefaults;

public static class MessagingExtensions
{
    /// <summary>The messaging builder of this host; every capability adds its consumers and sagas to it.</summary>
    public static MessagingBuilder Messaging(this IServiceCollection services)
    {
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(MessagingBuilder))?.ImplementationInstance;
        if (existing is MessagingBuilder builder)
            return builder;
        builder = new MessagingBuilder();
        services.AddSingleton(builder);
        return builder;
    }

    /// <summary>
    /// Builds the host's one bus from what the capabilities registered, on the transport the <c>Bus</c> section names.
    /// Call once, after every <c>AddXyz()</c>. Every receive endpoint sets aside what it cannot consume the same way
    /// (<see cref="BusHygieneObserver"/>).
    /// </summary>
    public static IHostApplicationBuilder AddOpsBusMessaging(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BusOptions>().BindConfiguration(BusOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(BusOptions.SectionName).Get<BusOptions>() ?? new BusOptions();
        var messaging = builder.Services.Messaging();

        builder.Services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            messaging.ApplyRegistrations(x);

            if (options.Transport == BusTransport.RabbitMq)
            {
                x.UsingRabbitMq((context, cfg) =>
                {
                    var bus = context.GetRequiredService<IOptions<BusOptions>>().Value;
                    cfg.Host(bus.RabbitMqHost);
                    cfg.PrefetchCount = bus.PrefetchCount;
                    cfg.ConnectEndpointConfigurationObserver(context.GetRequiredService<BusHygieneObserver>());
                    messaging.ApplyBusConfiguration(context, cfg);
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                x.UsingInMemory((context, cfg) =>
                {
                    cfg.ConnectEndpointConfigurationObserver(context.GetRequiredService<BusHygieneObserver>());
                    messaging.ApplyBusConfiguration(context, cfg);
                    cfg.ConfigureEndpoints(context);
                });
            }
        });
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton<BusHygieneMetrics>();
        builder.Services.TryAddSingleton<BusHygieneObserver>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }
}

using MassTransit;
using OpsBus.ServiceDefaults.Telemetry;

namespace OpsBus.ServiceDefaults;

/// <summary>
/// Collects what each capability (<c>AddOrchestrator</c>, <c>AddLaneWorker</c>, ...) adds to the one bus of a host,
/// so a process can host one service or all of them. <see cref="MessagingExtensions.AddOpsBusMessaging"/> builds the bus.
/// </summary>
public sealed class MessagingBuilder
{
    private readonly List<Action<IBusRegistrationConfigurator>> _registrations = [];
    private readonly List<Action<IBusRegistrationContext, IBusFactoryConfigurator>> _busConfigurations = [];

    /// <summary>Adds consumers, sagas, request clients.</summary>
    public MessagingBuilder Register(Action<IBusRegistrationConfigurator> registration)
    {
        _registrations.Add(registration);
        return this;
    }

    /// <summary>Configures the bus itself (filters, scheduler, extra endpoints) whatever the transport.</summary>
    public MessagingBuilder ConfigureBus(Action<IBusRegistrationContext, IBusFactoryConfigurator> configure)
    {
        _busConfigurations.Add(configure);
        return this;
    }

    public void ApplyRegistrations(IBusRegistrationConfigurator configurator)
    {
        foreach (var registration in _registrations)
            registration(configurator);
    }

    /// <summary>Applies what every bus of OpsBus has (the run's log scope around each consumer), then the capabilities' settings.</summary>
    public void ApplyBusConfiguration(IBusRegistrationContext context, IBusFactoryConfigurator configurator)
    {
        configurator.UseConsumeFilter(typeof(RunLogScopeFilter<>), context);
        foreach (var configure in _busConfigurations)
            configure(context, configurator);
    }
}

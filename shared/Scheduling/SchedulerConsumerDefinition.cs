using MassTransit;
using Microsoft.Extensions.Options;

namespace OpsBus.Scheduling;

/// <summary>Puts both scheduler consumers on one endpoint, retrying so a database blip does not lose a schedule.</summary>
internal sealed class SchedulerConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    public SchedulerConsumerDefinition(IOptions<DurableSchedulerOptions> options)
    {
        EndpointName = options.Value.EndpointName;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        consumerConfigurator.UseMessageRetry(retry => retry.Exponential(10, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200)));
    }
}

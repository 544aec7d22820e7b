using MassTransit;
using MassTransit.Context;
using MassTransit.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace OpsBus.Scheduling;

/// <summary>
/// Gives the endpoint's consumers a message scheduler that writes into their own <typeparamref name="TDbContext" />
/// (<see cref="TransactionalScheduleMessageProvider{TDbContext}" />), replacing the bus's publish scheduler there.
/// </summary>
internal sealed class TransactionalSchedulerFilter<TDbContext> : IFilter<ConsumeContext>
    where TDbContext : DbContext
{
    public Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        context.AddOrUpdatePayload<MessageSchedulerContext>(() => new ConsumeMessageSchedulerContext(context, Create),
            _ => new ConsumeMessageSchedulerContext(context, Create));
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("scheduler").Add("type", "transactional");

    /// <summary>Called on first use, inside the message's service scope, whose context the consumer saves.</summary>
    static IMessageScheduler Create(ConsumeContext context)
    {
        if (!context.TryGetPayload<IServiceScope>(out var scope))
            throw new InvalidOperationException(
                $"A transactional schedule needs the message's service scope, to write into its {typeof(TDbContext).Name}; none was found on the consume context.");

        var services = scope.ServiceProvider;
        var provider = new TransactionalScheduleMessageProvider<TDbContext>(context, services.GetRequiredService<TDbContext>(),
            services.GetRequiredService<DispatchWakeup>());
        return new MessageScheduler(provider, context.GetPayload<IBusTopology>());
    }
}

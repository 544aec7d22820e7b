// OpsBus.Scheduling: a durable MassTransit message scheduler kept in the service's own database (PostgreSQL, or SQLite
// in embedded mode). It replaces MassTransit.Quartz, which is not available to us, and RabbitMQ's delayed-exchange
// plugin, which our brokers do not have. The bus keeps MassTransit's publish scheduler; this library consumes the
// ScheduleMessage and CancelScheduledMessage it publishes, stores rows, and sends each message when it is due. An
// endpoint whose consumers save a DbContext after each message (a saga's) can write its rows in that save instead
// (UseTransactionalMessageScheduler).
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OpsBus.Scheduling;

public static class DurableSchedulerRegistration
{
    /// <summary>
    /// Registers the consumers that store and cancel scheduled messages and the dispatcher that sends them.
    /// <typeparamref name="TDbContext" /> is the host's own context, whose model calls
    /// <see cref="ScheduledMessagesModel.AddScheduledMessages" />; the host registers it and owns its migrations.
    /// Pair with <c>x.AddPublishMessageScheduler()</c> and <c>cfg.UsePublishMessageScheduler()</c>.
    /// </summary>
    public static IBusRegistrationConfigurator AddDurableMessageScheduler<TDbContext>(this IBusRegistrationConfigurator configurator,
        Action<DurableSchedulerOptions>? configure = null)
        where TDbContext : DbContext
    {
        var options = configurator.AddOptions<DurableSchedulerOptions>();
        if (configure is not null)
            options.Configure(configure);
        options.ValidateOnStart();
        configurator.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DurableSchedulerOptions>, ValidateDurableSchedulerOptions>());

        configurator.TryAddSingleton<DispatchWakeup>();
        configurator.TryAddSingleton<BusStartedSignal>();
        configurator.AddBusObserver(provider => provider.GetRequiredService<BusStartedSignal>());

        configurator.AddConsumer<ScheduleMessageConsumer<TDbContext>, SchedulerConsumerDefinition<ScheduleMessageConsumer<TDbContext>>>();
        configurator.AddConsumer<CancelScheduledMessageConsumer<TDbContext>, SchedulerConsumerDefinition<CancelScheduledMessageConsumer<TDbContext>>>();
        configurator.AddHostedService<ScheduledMessageDispatcher<TDbContext>>();

        return configurator;
    }

    /// <summary>
    /// Schedules and cancels from this endpoint's consumers go into their own <typeparamref name="TDbContext" /> instead of
    /// over the bus: a schedule is a row added to the message's context, committed by the consumer's next SaveChanges (a
    /// saga store endpoint saves the saga right after), a cancel deletes the row once the consumer's save succeeded. That
    /// saves two bus messages and a transaction per schedule and makes scheduling atomic with the state that asked for it.
    /// Only for endpoints whose consumers always save that context after handling, with the in-memory outbox inside this
    /// filter (<c>UseSagaStoreRetryAndOutbox</c>). Needs <see cref="AddDurableMessageScheduler{TDbContext}" />, whose
    /// dispatcher sends the rows.
    /// </summary>
    public static void UseTransactionalMessageScheduler<TDbContext>(this IReceiveEndpointConfigurator endpoint)
        where TDbContext : DbContext =>
        endpoint.UseFilter(new TransactionalSchedulerFilter<TDbContext>());

    sealed class ValidateDurableSchedulerOptions : IValidateOptions<DurableSchedulerOptions>
    {
        public ValidateOptionsResult Validate(string? name, DurableSchedulerOptions options)
        {
            var failures = options.Validate().ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}

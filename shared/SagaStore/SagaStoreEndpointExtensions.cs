using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace OpsBus.SagaStore;

public static class SagaStoreEndpointExtensions
{
    /// <summary>
    /// What every endpoint of a saga stored by the saga store needs, in the order that works: a message whose save
    /// lost a race (<see cref="DbUpdateException" />: a concurrent update or a duplicate insert) is retried against
    /// fresh state, and the in-memory outbox inside the retry holds outgoing messages until the save succeeded,
    /// dropping those of failed attempts. With the outbox outside the retry they would leak. Around both, a database
    /// that is briefly away is waited for (<see cref="DatabaseOutageRetry"/>).
    /// </summary>
    /// <param name="endpoint">The saga's receive endpoint, e.g. in <c>SagaDefinition.ConfigureSaga</c>.</param>
    /// <param name="context">The registration context, for the outbox's scoped consume context.</param>
    /// <param name="configureRetry">Replaces the default intervals (jittered, 5 ms up to 1 s, 10 retries) or adds observers.</param>
    public static void UseSagaStoreRetryAndOutbox(this IReceiveEndpointConfigurator endpoint, IRegistrationContext context,
        Action<IRetryConfigurator>? configureRetry = null)
    {
        endpoint.UseDatabaseOutageRetry();
        endpoint.UseMessageRetry(r =>
        {
            r.Handle<DbUpdateException>();
            r.Exponential(10, TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(20));
            configureRetry?.Invoke(r);
        });
        endpoint.UseInMemoryOutbox(context);
    }
}

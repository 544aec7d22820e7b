using MassTransit;

namespace OpsBus.Scheduling.Tests.Infrastructure;

public sealed record StartWaiting(Guid WaitId);

public sealed record ExtendWaiting(Guid WaitId, TimeSpan Delay);

public sealed record WaitingExpired(Guid WaitId);

/// <summary>Published when the saga's timeout raised <c>Received</c>: the token it carried and the token the saga held.</summary>
public sealed record WaitExpiryObserved(Guid WaitId, Guid? MessageTokenId, Guid? SagaTokenId);

public sealed class WaitState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }

    /// <summary>The saga store's optimistic concurrency token, when the saga is stored in <see cref="TestDbContext" />.</summary>
    public int Version { get; set; }

    public string CurrentState { get; set; } = "";

    public Guid? ExpiryTokenId { get; set; }
}

/// <summary>A tiny saga whose only job is a timeout: the shape every OpsBus lifecycle uses.</summary>
public sealed class WaitStateMachine : MassTransitStateMachine<WaitState>
{
    public WaitStateMachine()
    {
        InstanceState(x => x.CurrentState);

        Event(() => Started, e => e.CorrelateById(c => c.Message.WaitId));
        Event(() => Extended, e => e.CorrelateById(c => c.Message.WaitId));

        Schedule(() => Expiry, x => x.ExpiryTokenId, s =>
        {
            s.Delay = TimeSpan.FromSeconds(2);
            s.Received = r => r.CorrelateById(c => c.Message.WaitId);
        });

        Initially(
            When(Started)
                .Schedule(Expiry, c => new WaitingExpired(c.Saga.CorrelationId))
                .TransitionTo(Waiting));

        During(Waiting,
            When(Extended)
                .Schedule(Expiry, c => new WaitingExpired(c.Saga.CorrelationId), c => c.Message.Delay),
            When(Expiry.Received)
                .Publish(c => new WaitExpiryObserved(c.Saga.CorrelationId, c.GetSchedulingTokenId(), c.Saga.ExpiryTokenId))
                .TransitionTo(Expired));
    }

    public State Waiting { get; private set; } = null!;

    public State Expired { get; private set; } = null!;

    public Event<StartWaiting> Started { get; private set; } = null!;

    public Event<ExtendWaiting> Extended { get; private set; } = null!;

    public Schedule<WaitState, WaitingExpired> Expiry { get; private set; } = null!;
}

public sealed class WaitExpiryObservedConsumer(Deliveries deliveries, HostName host) : IConsumer<WaitExpiryObserved>
{
    public Task Consume(ConsumeContext<WaitExpiryObserved> context)
    {
        deliveries.Record(context, host.Name);
        return Task.CompletedTask;
    }
}

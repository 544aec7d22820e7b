using MassTransit;

namespace OpsBus.SagaStore.Tests.Counters;

public sealed class CounterStateMachine : MassTransitStateMachine<CounterSaga>
{
    public CounterStateMachine(CounterHostOptions options, InsertRace insertRace)
    {
        InstanceState(x => x.CurrentState);

        Event(() => Started, e => e.CorrelateById(m => m.Message.CounterId));
        Event(() => Incremented, e =>
        {
            e.CorrelateById(m => m.Message.CounterId);
            e.InsertOnInitial = options.InsertOnInitial;
        });
        Event(() => Tagged, e => e.CorrelateBy((saga, m) => saga.Key == m.Message.Key));
        Event(() => Finished, e =>
        {
            e.CorrelateById(m => m.Message.CounterId);
            e.OnMissingInstance(m => m.Discard());
        });

        Initially(
            When(Started)
                .Then(c => c.Saga.Key = c.Message.Key)
                .TransitionTo(Counting),
            When(Incremented)
                .ThenAsync(_ => insertRace.Join())
                .ThenAsync(Increment)
                .Publish(c => new CounterChanged(c.Saga.CorrelationId, c.Saga.Count))
                .TransitionTo(Counting));

        During(Counting,
            When(Incremented)
                .ThenAsync(Increment)
                .Publish(c => new CounterChanged(c.Saga.CorrelationId, c.Saga.Count)),
            When(Tagged)
                .Then(c => c.Saga.Tag = c.Message.Tag),
            When(Finished)
                .Finalize());

        SetCompletedWhenFinalized();
    }

    public State Counting { get; private set; } = null!;

    public Event<CounterStarted> Started { get; private set; } = null!;

    public Event<CounterIncremented> Incremented { get; private set; } = null!;

    public Event<CounterTagged> Tagged { get; private set; } = null!;

    public Event<CounterFinished> Finished { get; private set; } = null!;

    /// <summary>
    /// Yields as an activity doing I/O would. SQLite's provider completes synchronously, so without this one message
    /// could load and save before any other message runs, and the concurrency tests would race nothing.
    /// </summary>
    static async Task Increment(BehaviorContext<CounterSaga, CounterIncremented> context)
    {
        await Task.Yield();
        context.Saga.Count++;
    }
}

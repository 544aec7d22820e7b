using MassTransit;
using OpsBus.Contracts;

namespace OpsBus.Orchestrator.SessionLanes;

/// <summary>
/// Admits one run at a time per session-lane: the highest priority first, then in the order they were requested.
/// The run's own saga owns its lifecycle; this one only decides whose turn it is.
/// <para>
/// A run queued again that it already holds comes from that run's liveness check (the recovery sweep): something was lost.
/// The active run is told again that it was admitted: if its admission was lost it starts now, if it has finished and the
/// news was lost it answers with <see cref="SessionRunEnded"/> and frees the lane, and if it is under way it ignores it.
/// </para>
/// </summary>
public sealed class SessionLaneStateMachine : MassTransitStateMachine<SessionLaneState>
{
    public SessionLaneStateMachine()
    {
        InstanceState(x => x.CurrentState);

        Event(() => RunQueued, e => e.CorrelateById(m => SessionLaneKey.For(m.Message.SessionId, m.Message.Lane)));
        Event(() => RunEnded, e =>
        {
            e.CorrelateById(m => SessionLaneKey.For(m.Message.SessionId, m.Message.Lane));
            e.OnMissingInstance(m => m.Discard());
        });

        Initially(
            When(RunQueued)
                .Then(context =>
                {
                    context.Saga.SessionId = context.Message.SessionId;
                    context.Saga.Lane = context.Message.Lane;
                })
                .Enqueue()
                .AdmitNext()
                .TransitionTo(Open));

        During(Open,
            When(RunQueued, context => !context.Saga.Holds(context.Message.RunId))
                .Enqueue()
                .AdmitNext(),
            When(RunQueued, context => context.Saga.Holds(context.Message.RunId))
                .RemindActiveRun(),
            When(RunEnded)
                .Then(context =>
                {
                    if (context.Saga.ActiveRunId == context.Message.RunId)
                        context.Saga.ActiveRunId = null;
                    context.Saga.Waiting.RemoveAll(w => w.RunId == context.Message.RunId);
                })
                .AdmitNext());
    }

    public State Open { get; private set; } = null!;

    public Event<QueueSessionRun> RunQueued { get; private set; } = null!;

    public Event<SessionRunEnded> RunEnded { get; private set; } = null!;
}

internal static class SessionLaneBinders
{
    public static EventActivityBinder<SessionLaneState, QueueSessionRun> Enqueue(this EventActivityBinder<SessionLaneState, QueueSessionRun> binder) =>
        binder.Then(context =>
        {
            var saga = context.Saga;
            if (!saga.Holds(context.Message.RunId))
                saga.Waiting.Add(new WaitingRun(context.Message.RunId, context.Message.Priority, context.Message.RequestedAt, saga.NextArrival++));
        });

    /// <summary>Whether <paramref name="runId"/> is the active run or waits for its turn.</summary>
    public static bool Holds(this SessionLaneState saga, Guid runId) => saga.ActiveRunId == runId || saga.Waiting.Any(w => w.RunId == runId);

    /// <summary>Tells the active run again that it was admitted (see <see cref="SessionLaneStateMachine"/>).</summary>
    public static EventActivityBinder<SessionLaneState, T> RemindActiveRun<T>(this EventActivityBinder<SessionLaneState, T> binder)
        where T : class =>
        binder.If(context => context.Saga.ActiveRunId is not null,
            remind => remind.Publish(context => new SessionRunAdmitted(context.Saga.ActiveRunId!.Value, context.Saga.SessionId, context.Saga.Lane)));

    /// <summary>When the lane is free, makes the next waiting run active and tells its saga.</summary>
    public static EventActivityBinder<SessionLaneState, T> AdmitNext<T>(this EventActivityBinder<SessionLaneState, T> binder)
        where T : class =>
        binder.If(context => context.Saga.ActiveRunId is null && context.Saga.Waiting.Count > 0,
            admit => admit
                .Then(context =>
                {
                    var next = context.Saga.Waiting.OrderByDescending(w => w.Priority).ThenBy(w => w.RequestedAt).ThenBy(w => w.Arrival).First();
                    context.Saga.Waiting.Remove(next);
                    context.Saga.ActiveRunId = next.RunId;
                })
                .Publish(context => new SessionRunAdmitted(context.Saga.ActiveRunId!.Value, context.Saga.SessionId, context.Saga.Lane)));
}

using MassTransit;

namespace OpsBus.Orchestrator.SessionLanes;

/// <summary>One session-lane's admission queue: its active run and the runs waiting behind it.</summary>
public sealed class SessionLaneState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }

    public int Version { get; set; }

    public string CurrentState { get; set; } = null!;

    public string SessionId { get; set; } = null!;

    public string Lane { get; set; } = null!;

    public Guid? ActiveRunId { get; set; }

    /// <summary>Waiting runs, serialized; short by nature (one session-lane's backlog).</summary>
    public List<WaitingRun> Waiting { get; set; } = [];

    /// <summary>Arrival counter: ties of priority and request time are admitted in arrival order.</summary>
    public long NextArrival { get; set; }
}

public sealed record WaitingRun(Guid RunId, int Priority, DateTime RequestedAt, long Arrival);

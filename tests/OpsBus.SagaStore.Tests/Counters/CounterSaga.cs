using MassTransit;

namespace OpsBus.SagaStore.Tests.Counters;

public sealed class CounterSaga : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }

    public int Version { get; set; }

    public string CurrentState { get; set; } = "";

    public string Key { get; set; } = "";

    public int Count { get; set; }

    public string? Tag { get; set; }
}

using OpsBus.ServiceDefaults.Persistence;

namespace OpsBus.Orchestrator.ReadModel;

/// <summary>
/// Plans and step events are stored in batches (<see cref="BatchStoreDefinition{TConsumer}"/>), as log lines are:
/// three types, <see cref="Contracts.RunRequested"/>, <see cref="Contracts.RunStepStarted"/> and
/// <see cref="Contracts.RunStepFinished"/>.
/// </summary>
public sealed class RunProjectionDefinition() : BatchStoreDefinition<RunProjection>("orchestrator-run-projection", batchedTypes: 3);

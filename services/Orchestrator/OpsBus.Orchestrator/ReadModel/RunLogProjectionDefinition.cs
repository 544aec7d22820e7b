using OpsBus.ServiceDefaults.Persistence;

namespace OpsBus.Orchestrator.ReadModel;

/// <summary>
/// Log lines are stored from their own endpoint in batches (<see cref="BatchStoreDefinition{TConsumer}"/>) of
/// <see cref="Contracts.RunLogAppended"/> messages, each of about 100 lines.
/// </summary>
public sealed class RunLogProjectionDefinition() : BatchStoreDefinition<RunLogProjection>("orchestrator-run-log-projection", batchedTypes: 1);

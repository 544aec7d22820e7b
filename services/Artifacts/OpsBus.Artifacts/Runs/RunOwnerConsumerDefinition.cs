using OpsBus.ServiceDefaults.Persistence;

namespace OpsBus.Artifacts.Runs;

/// <summary>Run owners are stored in batches (<see cref="BatchStoreDefinition{TConsumer}"/>) of <see cref="Contracts.RunRequested"/>.</summary>
public sealed class RunOwnerConsumerDefinition() : BatchStoreDefinition<RunOwnerConsumer>("run-owner", batchedTypes: 1);

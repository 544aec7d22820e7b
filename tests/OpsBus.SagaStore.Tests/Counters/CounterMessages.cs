namespace OpsBus.SagaStore.Tests.Counters;

public sealed record CounterStarted(Guid CounterId, string Key);

/// <summary>Also starts a counter that does not exist yet.</summary>
public sealed record CounterIncremented(Guid CounterId);

/// <summary>Published by the saga after each increment; only the attempt whose save succeeded may send it.</summary>
public sealed record CounterChanged(Guid CounterId, int Count);

/// <summary>Correlated by <see cref="CounterSaga.Key" />, not by id.</summary>
public sealed record CounterTagged(string Key, string Tag);

public sealed record CounterFinished(Guid CounterId);

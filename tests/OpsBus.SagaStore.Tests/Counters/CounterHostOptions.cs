namespace OpsBus.SagaStore.Tests.Counters;

/// <summary>Host choices the saga store must cope with.</summary>
/// <param name="InsertOnInitial">The state machine pre-inserts new instances (MassTransit's <c>InsertOnInitial</c>).</param>
/// <param name="MessageScopeOutsideRetry">
/// <c>UseMessageScope</c> before <c>UseMessageRetry</c>: every attempt of a message shares one scope, so one DbContext.
/// </param>
public sealed record CounterHostOptions(bool InsertOnInitial = false, bool MessageScopeOutsideRetry = false);

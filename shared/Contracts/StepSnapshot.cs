namespace OpsBus.Contracts;

/// <summary>One step of a <see cref="RunSnapshot"/>.</summary>
/// <param name="Id">The step's id in the plan.</param>
/// <param name="Title">Its title.</param>
/// <param name="Phase">Its phase.</param>
/// <param name="Action">Its action.</param>
/// <param name="Status">pending, running, succeeded, failed, cancelled or skipped.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="Error">Why it failed.</param>
public sealed record StepSnapshot(string Id, string Title, string Phase, string Action, string Status, DateTime? StartedAt, DateTime? FinishedAt, string? Error);

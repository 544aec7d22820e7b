namespace OpsBus.Contracts;

/// <summary>What started a run that a trigger rule requested: the GitHub delivery and the commit it is about.</summary>
/// <param name="Event">The GitHub event: push, pull_request, workflow_run or release.</param>
/// <param name="DeliveryId">GitHub's <c>X-GitHub-Delivery</c> id of the webhook delivery.</param>
/// <param name="Repository">The repository, <c>owner/name</c>.</param>
/// <param name="Ref">The git ref the event is about (<c>refs/heads/main</c>, <c>refs/tags/v1.2</c>), if any.</param>
/// <param name="Sha">The commit the event is about, if any: where the run's outcome is reported as a commit status.</param>
/// <param name="TriggerId">The trigger rule that matched.</param>
public sealed record RunTrigger(string Event, string DeliveryId, string Repository, string? Ref, string? Sha, Guid? TriggerId = null);

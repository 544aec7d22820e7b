namespace OpsBus.Contracts;

/// <summary>
/// Command, from the webhook endpoint once a GitHub delivery's signature is verified: evaluate the trigger rules for it.
/// The orchestrator handles each delivery id once; a redelivery of the same id requests no second run.
/// </summary>
/// <param name="DeliveryId">GitHub's <c>X-GitHub-Delivery</c> id.</param>
/// <param name="Event">GitHub's <c>X-GitHub-Event</c>, e.g. push or pull_request.</param>
/// <param name="Payload">The delivery's body, JSON as GitHub signed it.</param>
/// <param name="ReceivedAt">When the endpoint received it.</param>
public sealed record HandleGitHubDelivery(string DeliveryId, string Event, string Payload, DateTime ReceivedAt);

using System.Text;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Api;

namespace OpsBus.Orchestrator.Triggers;

/// <summary>
/// <c>POST /api/webhooks/github</c>: GitHub's deliveries, authenticated by their <c>X-Hub-Signature-256</c> rather than
/// an API key. A verified delivery is queued (<see cref="HandleGitHubDelivery"/>) and answered 202 at once; the rules
/// are evaluated off the request, so GitHub always has its answer well within its 10 s.
/// </summary>
public static class GitHubWebhooksApi
{
    public const string Path = "/api/webhooks/github";
    public const string EventHeader = "X-GitHub-Event";
    public const string DeliveryHeader = "X-GitHub-Delivery";

    private const int MaxDeliveryIdLength = 64;

    public static RouteHandlerBuilder MapGitHubWebhooks(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, Receive).AllowAnonymous().WithTags("Webhooks").WithSummary("Receive a GitHub webhook delivery.");

    private static async Task<Results<Accepted<WebhookAnswer>, Ok<WebhookAnswer>, ValidationProblem, ProblemHttpResult>> Receive(
        HttpRequest http, IPublishEndpoint publish, IOptions<GitHubTriggerOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.WebhookSecret is not { Length: > 0 } secret)
            return ApiProblems.Status(StatusCodes.Status503ServiceUnavailable,
                $"GitHub webhooks are not configured: set {GitHubTriggerOptions.SectionName}:WebhookSecret.");

        var (body, refused) = await BoundedBody.ReadAsync(http, settings.MaxDeliveryBytes, cancellationToken);
        if (refused is not null)
            return refused;
        if (!WebhookSignature.IsValid(secret, body!, http.Headers[WebhookSignature.Header].ToString()))
            return ApiProblems.Status(StatusCodes.Status401Unauthorized,
                $"The {WebhookSignature.Header} header is missing or is not the body's signature under the webhook secret.");

        var gitHubEvent = http.Headers[EventHeader].ToString();
        var deliveryId = http.Headers[DeliveryHeader].ToString();
        var errors = new Dictionary<string, string[]>();
        if (gitHubEvent.Length is 0 or > 64)
            errors[EventHeader] = ["Required: the GitHub event name."];
        if (deliveryId.Length is 0 or > MaxDeliveryIdLength || !deliveryId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            errors[DeliveryHeader] = [$"Required: the delivery's id, 1 to {MaxDeliveryIdLength} letters, digits, '-' or '_'."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        if (gitHubEvent == GitHubEvents.Ping)
            return TypedResults.Ok(new WebhookAnswer(deliveryId, gitHubEvent, "pong"));
        if (!GitHubEvents.IsSupported(gitHubEvent))
            return TypedResults.Ok(new WebhookAnswer(deliveryId, gitHubEvent, $"ignored: trigger rules match {string.Join(", ", GitHubEvents.All)}"));

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.QueueTimeout);
        try
        {
            await publish.Publish(new HandleGitHubDelivery(deliveryId, gitHubEvent, Encoding.UTF8.GetString(body!), clock.GetUtcNow().UtcDateTime),
                deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ApiProblems.Status(StatusCodes.Status503ServiceUnavailable, "The delivery could not be queued in time; GitHub may redeliver it.");
        }
        return TypedResults.Accepted((string?)null, new WebhookAnswer(deliveryId, gitHubEvent, "queued"));
    }
}

/// <summary>What the webhook answers GitHub (shown in the repository's webhook settings).</summary>
public sealed record WebhookAnswer(string DeliveryId, string Event, string Outcome);

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using OpsBus.Notifier.Notifications.Persistence;
using OpsBus.Runbooks.Secrets;

namespace OpsBus.Notifier.Notifications.Delivery;

/// <summary>
/// Posts one rendered body to one channel and says how it went; never throws for the receiver's failures. Errors
/// name the channel's host at most, never its URL: for Slack and Discord the path is the credential.
/// </summary>
public sealed class ChannelSender(IHttpClientFactory httpClients, ChannelCredentials credentials, TimeProvider clock)
{
    public const string HttpClientName = "OpsBus.Notifications";
    private const int MaxBodyInError = 300;

    public async Task<DeliveryOutcome> SendAsync(ChannelRecord channel, Guid deliveryId, string notificationEvent, string payload, TimeSpan timeout,
        CancellationToken stopping)
    {
        var url = credentials.Reveal(channel.Url);
        var secret = channel.Secret is null ? null : credentials.Reveal(channel.Secret);
        if (url is null || (channel.Secret is not null && secret is null))
            return new DeliveryOutcome(DeliveryResult.Refused, null, $"The channel's credentials are sealed with another key than this notifier's {SecretProtector.KeySetting}: save the channel again.");

        var body = Encoding.UTF8.GetBytes(payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.UserAgent.ParseAdd("OpsBus-Notifier/1.0");
        if (channel.Kind == ChannelKinds.Webhook)
        {
            request.Headers.Add(WebhookSignature.DeliveryHeader, deliveryId.ToString());
            request.Headers.Add(WebhookSignature.EventHeader, notificationEvent);
            if (secret is not null)
                request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, body));
        }

        using var deadline = new CancellationTokenSource(timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, deadline.Token);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
                return DeliveryOutcome.Delivered(status);

            var error = await DescribeAsync(response, linked.Token);
            return IsRetryable(response.StatusCode)
                ? new DeliveryOutcome(DeliveryResult.Retry, status, error, RetryAfterOf(response))
                : new DeliveryOutcome(DeliveryResult.Refused, status, error);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return new DeliveryOutcome(DeliveryResult.Retry, null, $"No answer from {channel.Kind} receiver {HostOf(url)} within {timeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException exception)
        {
            return new DeliveryOutcome(DeliveryResult.Retry, null, $"Could not reach {channel.Kind} receiver {HostOf(url)}: {exception.HttpRequestError}.");
        }
    }

    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;

    private TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } retryAfter)
            return null;
        if (retryAfter.Delta is { } delta)
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (retryAfter.Date is { } date)
        {
            var wait = date - clock.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    private static async Task<string> DescribeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = "";
        try
        {
            text = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException)
        {
            // The status says enough when the body cannot be read.
        }
        text = text.Trim();
        if (text.Length > MaxBodyInError)
            text = text[..MaxBodyInError] + "…";
        return $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}" + (text.Length > 0 ? ": " + text : "");
    }

    private static string HostOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Authority : "(invalid URL)";
}

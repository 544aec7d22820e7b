using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OpsBus.Gateway.Authentication;
using OpsBus.Gateway.Webhooks;

namespace OpsBus.Gateway.Edge;

internal static class RateLimiting
{
    /// <summary>
    /// A token bucket per API key (<c>Gateway:RateLimit</c>), and one per sender address for webhook deliveries, which
    /// carry no key (<c>Gateway:WebhookRateLimit</c>); past it, 429 with <c>Retry-After</c>.
    /// </summary>
    public static IServiceCollection AddPerKeyRateLimiter(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(Partition);
            limiter.OnRejected = RejectAsync;
        });

    private static RateLimitPartition<string> Partition(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value;
        if (WebhookRoutes.IsWebhook(context.Request))
            return TokenBucket($"webhook:{context.Connection.RemoteIpAddress}", options.WebhookRateLimit);
        if (context.User.FindFirst(ApiKeyDefaults.KeyIdClaim)?.Value is not { } keyId)
            return RateLimitPartition.GetNoLimiter("anonymous");
        return TokenBucket(keyId, options.RateLimit);
    }

    private static RateLimitPartition<string> TokenBucket(string partition, GatewayRateLimitOptions limit) =>
        RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit.TokenLimit,
            TokensPerPeriod = limit.TokensPerPeriod,
            ReplenishmentPeriod = limit.ReplenishmentPeriod,
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var options = context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value;
        var webhook = WebhookRoutes.IsWebhook(context.Request);
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? wait
            : (webhook ? options.WebhookRateLimit : options.RateLimit).ReplenishmentPeriod;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers[HeaderNames.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(
            webhook
                ? $"This address has sent too many webhook deliveries; retry after {seconds} s."
                : $"This API key has made too many requests; retry after {seconds} s.",
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests").ExecuteAsync(context);
    }
}

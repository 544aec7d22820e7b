using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OpsBus.Gateway.Authentication;

namespace OpsBus.Gateway.Edge;

internal static class RateLimiting
{
    /// <summary>A token bucket per API key (<c>Gateway:RateLimit</c>); past it, 429 with <c>Retry-After</c>.</summary>
    public static IServiceCollection AddPerKeyRateLimiter(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(PartitionByKey);
            limiter.OnRejected = RejectAsync;
        });

    private static RateLimitPartition<string> PartitionByKey(HttpContext context)
    {
        if (context.User.FindFirst(ApiKeyDefaults.KeyIdClaim)?.Value is not { } keyId)
            return RateLimitPartition.GetNoLimiter("anonymous");
        var limit = context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.RateLimit;
        return RateLimitPartition.GetTokenBucketLimiter(keyId, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit.TokenLimit,
            TokensPerPeriod = limit.TokensPerPeriod,
            ReplenishmentPeriod = limit.ReplenishmentPeriod,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? wait
            : context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.RateLimit.ReplenishmentPeriod;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers[HeaderNames.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(
            $"This API key has made too many requests; retry after {seconds} s.",
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests").ExecuteAsync(context);
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpsBus.Notifier.Notifications.Delivery;
using OpsBus.Notifier.Notifications.Payloads;
using OpsBus.Notifier.Notifications.Persistence;
using OpsBus.ServiceDefaults.Security;

namespace OpsBus.Notifier.Notifications.Api;

/// <summary>Notification channels, for admins: list, read, create, replace, delete, and send a test message.</summary>
public static class ChannelsApi
{
    public static RouteGroupBuilder MapChannels(this RouteGroupBuilder notifications)
    {
        var channels = notifications.MapGroup("/channels");
        channels.MapGet("/", ListChannels);
        channels.MapGet("/{id}", GetChannel);
        channels.MapPost("/", CreateChannel);
        channels.MapPut("/{id}", ReplaceChannel);
        channels.MapDelete("/{id}", DeleteChannel);
        channels.MapPost("/{id}/test", SendTestMessage);
        return channels;
    }

    private static async Task<Ok<IReadOnlyList<ChannelResponse>>> ListChannels(
        NotificationsDbContext db, ChannelCredentials credentials, CancellationToken cancellationToken)
    {
        var channels = await db.Channels.AsNoTracking().OrderBy(c => c.Name).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ChannelResponse>>(channels.Select(c => ChannelResponse.From(c, credentials)).ToList());
    }

    private static async Task<Results<Ok<ChannelResponse>, ProblemHttpResult>> GetChannel(
        string id, NotificationsDbContext db, ChannelCredentials credentials, CancellationToken cancellationToken)
    {
        var channel = await FindAsync(db, id, cancellationToken);
        return channel is null ? ApiProblems.ChannelNotFound(id) : TypedResults.Ok(ChannelResponse.From(channel, credentials));
    }

    private static async Task<Results<Created<ChannelResponse>, ValidationProblem>> CreateChannel(
        ChannelRequest request, ClaimsPrincipal caller, NotificationsDbContext db, ChannelCredentials credentials, IOptions<NotificationsOptions> options,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var problems = request.Problems(creating: true, options.Value.AllowHttpUrls);
        if (problems.Count > 0)
            return TypedResults.ValidationProblem(problems);

        var now = clock.GetUtcNow().UtcDateTime;
        var channel = new ChannelRecord { Id = Guid.NewGuid(), CreatedAt = now, CreatedBy = caller.CallerName() };
        var generated = Apply(request, channel, credentials, caller, now);
        db.Channels.Add(channel);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/notifications/channels/{channel.Id}", ChannelResponse.From(channel, credentials, generated));
    }

    private static async Task<Results<Ok<ChannelResponse>, ValidationProblem, ProblemHttpResult>> ReplaceChannel(
        string id, ChannelRequest request, ClaimsPrincipal caller, NotificationsDbContext db, ChannelCredentials credentials,
        IOptions<NotificationsOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var channel = await FindAsync(db, id, cancellationToken, tracked: true);
        if (channel is null)
            return ApiProblems.ChannelNotFound(id);
        var problems = request.Problems(creating: false, options.Value.AllowHttpUrls);
        if (problems.Count > 0)
            return TypedResults.ValidationProblem(problems);

        var generated = Apply(request, channel, credentials, caller, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ChannelResponse.From(channel, credentials, generated));
    }

    /// <summary>Deletes the channel with its pending deliveries and dead letters.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteChannel(string id, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var channelId))
            return ApiProblems.ChannelNotFound(id);
        await db.Deliveries.Where(d => d.ChannelId == channelId).ExecuteDeleteAsync(cancellationToken);
        var deleted = await db.Channels.Where(c => c.Id == channelId).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? ApiProblems.ChannelNotFound(id) : TypedResults.NoContent();
    }

    /// <summary>Posts a test message once, now, whether the channel is enabled or not, and says how it went.</summary>
    private static async Task<Results<Ok<TestMessageResponse>, ProblemHttpResult>> SendTestMessage(
        string id, NotificationsDbContext db, ChannelSender sender, IOptions<NotificationsOptions> options, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var channel = await FindAsync(db, id, cancellationToken);
        if (channel is null)
            return ApiProblems.ChannelNotFound(id);
        var deliveryId = Guid.NewGuid();
        var payload = PayloadRenderer.RenderTest(channel.Kind, deliveryId, channel.Name, clock.GetUtcNow().UtcDateTime);
        var outcome = await sender.SendAsync(channel, deliveryId, WebhookPayload.TestEvent, payload, options.Value.RequestTimeout, cancellationToken);
        return TypedResults.Ok(new TestMessageResponse(outcome.Result == DeliveryResult.Delivered, outcome.StatusCode, outcome.Error));
    }

    /// <summary>
    /// Copies the request onto the channel, its credentials sealed; returns the signing secret if one was generated
    /// (shown this once).
    /// </summary>
    private static string? Apply(ChannelRequest request, ChannelRecord channel, ChannelCredentials credentials, ClaimsPrincipal caller, DateTime now)
    {
        channel.Name = request.Name!.Trim();
        channel.Kind = request.Kind!;
        if (request.Url is not null)
            channel.Url = credentials.Protect(request.Url);
        channel.Enabled = request.Enabled ?? true;
        channel.RulesJson = request.Rules().ToJson();
        channel.UpdatedAt = now;
        channel.UpdatedBy = caller.CallerName();

        string? generated = null;
        if (channel.Kind != ChannelKinds.Webhook)
            channel.Secret = null;
        else if (request.Secret is not null)
            channel.Secret = credentials.Protect(request.Secret);
        else if (channel.Secret is null)
            channel.Secret = credentials.Protect(generated = WebhookSignature.NewSecret());
        return generated;
    }

    private static async Task<ChannelRecord?> FindAsync(NotificationsDbContext db, string id, CancellationToken cancellationToken, bool tracked = false)
    {
        if (!Guid.TryParse(id, out var channelId))
            return null;
        var channels = tracked ? db.Channels : db.Channels.AsNoTracking();
        return await channels.FirstOrDefaultAsync(c => c.Id == channelId, cancellationToken);
    }
}

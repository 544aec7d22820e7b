using System.Globalization;
using System.Security.Claims;
using Microsoft.Net.Http.Headers;
using OpsBus.ServiceDefaults.Security;
using Yarp.ReverseProxy.Transforms;

namespace OpsBus.Gateway.Proxy;

/// <summary>
/// What a proxied request carries to the services behind the gateway: the authenticated caller in headers signed
/// with the internal secret, and nothing a client could have forged (incoming <c>X-OpsBus-*</c> headers are
/// dropped) nor the client's API key (the <c>Authorization</c> header and a hub's <c>access_token</c>). An anonymous
/// request (a webhook delivery) carries no caller at all.
/// </summary>
internal sealed class InternalCallerTransform(string secret, TimeProvider clock) : RequestTransform
{
    private const string OpsBusHeaderPrefix = "X-OpsBus-";

    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        foreach (var header in context.HttpContext.Request.Headers.Keys.Where(IsOpsBusHeader).ToList())
            RemoveHeader(context, header);
        RemoveHeader(context, HeaderNames.Authorization);
        context.Query.Collection.Remove("access_token");

        var caller = context.HttpContext.User;
        if (caller.Identity?.IsAuthenticated != true)
            return ValueTask.CompletedTask;
        var name = caller.CallerName();
        var roles = string.Join(',', caller.FindAll(ClaimTypes.Role).Select(role => role.Value));
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        var headers = context.ProxyRequest.Headers;
        headers.Add(InternalCaller.NameHeader, name);
        headers.Add(InternalCaller.RolesHeader, roles);
        headers.Add(InternalCaller.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        headers.Add(InternalCaller.SignatureHeader, InternalCaller.Sign(secret, name, roles, timestamp));
        return ValueTask.CompletedTask;
    }

    private static bool IsOpsBusHeader(string header) => header.StartsWith(OpsBusHeaderPrefix, StringComparison.OrdinalIgnoreCase);
}

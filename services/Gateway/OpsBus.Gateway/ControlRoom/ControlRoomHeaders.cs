using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace OpsBus.Gateway.ControlRoom;

/// <summary>
/// The headers of every control room response: a CSP that lets the page run only its own scripts and styles and talk
/// only to its own origin (the API, and the hub over WebSockets: CSP 3's <c>'self'</c> covers ws/wss), no framing,
/// no MIME sniffing, no referrer. <c>/api</c>, <c>/scalar</c> and the rest keep their own headers.
/// </summary>
internal static class ControlRoomHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Hashed bundles never change; the page that names them is checked on every load.</summary>
    public static void Apply(HttpResponse response, bool immutable)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = immutable ? "public, max-age=31536000, immutable" : "no-cache";
        headers.Remove(HeaderNames.LastModified);
    }
}

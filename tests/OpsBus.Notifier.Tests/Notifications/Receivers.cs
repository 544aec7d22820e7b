using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OpsBus.Testing;

namespace OpsBus.Notifier.Tests.Notifications;

/// <summary>
/// Fake Slack, Discord and webhook receivers on one loopback server: <c>/slack/*</c> and <c>/discord/*</c> take
/// anything, <c>/hook/*</c> accepts a body only if <c>X-OpsBus-Signature-256</c> is its HMAC-SHA256 with
/// <see cref="WebhookSecret"/> (401 otherwise), as a real receiver would check it.
/// </summary>
internal sealed class Receivers : IAsyncDisposable
{
    private Receivers(FakeHttpServer server) => Server = server;

    public FakeHttpServer Server { get; }

    public string? WebhookSecret { get; set; }

    public static async Task<Receivers> StartAsync()
    {
        Receivers? receivers = null;
        var server = await FakeHttpServer.StartAsync(app =>
        {
            app.MapPost("/slack/{**rest}", () => Results.Text("ok"));
            app.MapPost("/discord/{**rest}", () => Results.NoContent());
            app.MapPost("/hook/{**rest}", async (HttpRequest request) =>
            {
                using var reader = new StreamReader(request.Body);
                var body = Encoding.UTF8.GetBytes(await reader.ReadToEndAsync());
                return receivers!.HasValidSignature(request.Headers["X-OpsBus-Signature-256"].ToString(), body) ? Results.Ok() : Results.Unauthorized();
            });
        });
        receivers = new Receivers(server);
        return receivers;
    }

    public string Url(string path) => Server.Url(path);

    private bool HasValidSignature(string header, byte[] body)
    {
        if (WebhookSecret is null || !header.StartsWith("sha256=", StringComparison.Ordinal))
            return false;
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookSecret), body);
        byte[] given;
        try
        {
            given = Convert.FromHexString(header["sha256=".Length..]);
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpsBus.Gateway.Tests.Infrastructure;

/// <summary>
/// A stand-in for a service behind the gateway: a real Kestrel server on a free loopback port that records every
/// request it receives and answers with its path, query and headers as JSON.
/// </summary>
public sealed class EchoService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _received;

    private EchoService(WebApplication app, ConcurrentQueue<ReceivedRequest> received, Uri address)
    {
        _app = app;
        _received = received;
        Address = address;
    }

    public Uri Address { get; }

    public IReadOnlyList<ReceivedRequest> Received => _received.ToArray();

    public static async Task<EchoService> StartAsync()
    {
        var received = new ConcurrentQueue<ReceivedRequest>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(async context =>
        {
            var request = new ReceivedRequest(
                context.Request.Method,
                context.Request.Path.Value ?? "",
                context.Request.QueryString.Value ?? "",
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
            received.Enqueue(request);
            await context.Response.WriteAsJsonAsync(request);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new EchoService(app, received, new Uri(address));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed record ReceivedRequest(string Method, string Path, string Query, Dictionary<string, string> Headers);

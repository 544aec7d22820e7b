using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpsBus.Testing;

/// <summary>
/// A Kestrel server on a free loopback port serving the endpoints a test maps, recording every request before it is
/// answered, with faults to inject in front of those endpoints: answer with a status (optionally with <c>Retry-After</c>)
/// a number of times, or hold requests until the caller gives up. Fault bodies echo the caller's <c>Authorization</c>
/// header, so a test can prove that errors mask it.
/// </summary>
public sealed class FakeHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly List<Fault> _faults = [];
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _holdPath;

    private FakeHttpServer(WebApplication app) => _app = app;

    /// <summary>The server's root, ending with a slash.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToList();

    /// <summary>Completes when a request to the held path has arrived (and is being held).</summary>
    public Task Held => _held.Task;

    public static async Task<FakeHttpServer> StartAsync(Action<IEndpointRouteBuilder> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeHttpServer(app);
        app.Use(server.Intercept);
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseAddress = new Uri(address + "/");
        return server;
    }

    /// <summary>The absolute URL of <paramref name="path"/> on this server.</summary>
    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    /// <summary>The requests whose path (without the query) contains <paramref name="pathContains"/>, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> RequestsTo(string pathContains) =>
        Requests.Where(r => r.Path.Contains(pathContains, StringComparison.Ordinal)).ToList();

    /// <summary>The next <paramref name="times"/> requests whose path contains <paramref name="path"/> get <paramref name="status"/>.</summary>
    public void Fail(int status, int times = 1, string path = "/", int? retryAfterSeconds = null)
    {
        lock (_faults)
            _faults.Add(new Fault(path, status, times, retryAfterSeconds));
    }

    public void FailAlways(int status, string path = "/") => Fail(status, int.MaxValue, path);

    /// <summary>Requests whose path contains <paramref name="path"/> get no answer until the caller aborts them.</summary>
    public void Hold(string path) => _holdPath = path;

    private async Task Intercept(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        var path = request.Path.Value ?? "";
        _requests.Enqueue(new RecordedRequest(request.Method, path, request.QueryString.Value ?? "",
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body, DateTimeOffset.UtcNow));

        if (TakeFault(path) is { } fault)
        {
            context.Response.StatusCode = fault.Status;
            if (fault.RetryAfterSeconds is { } seconds)
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await context.Response.WriteAsJsonAsync(new { message = $"injected fault for credentials '{request.Headers.Authorization}'" });
            return;
        }

        if (_holdPath is { } hold && path.Contains(hold, StringComparison.Ordinal))
        {
            _held.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        await next(context);
    }

    private Fault? TakeFault(string path)
    {
        lock (_faults)
        {
            var fault = _faults.FirstOrDefault(f => f.Remaining > 0 && path.Contains(f.Path, StringComparison.Ordinal));
            if (fault is not null)
                fault.Remaining--;
            return fault;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class Fault(string path, int status, int times, int? retryAfterSeconds)
    {
        public string Path { get; } = path;

        public int Status { get; } = status;

        public int? RetryAfterSeconds { get; } = retryAfterSeconds;

        public int Remaining { get; set; } = times;
    }
}

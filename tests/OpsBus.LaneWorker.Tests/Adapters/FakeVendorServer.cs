using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpsBus.LaneWorker.Tests.Adapters;

/// <summary>
/// A vendor API on a free loopback port: the endpoints a fake maps, with every request recorded, and faults to inject in
/// front of them: answer with a status (optionally with <c>Retry-After</c>) a number of times, or hold requests until the
/// caller gives up. Fault bodies echo the caller's <c>Authorization</c> header, so specs prove that errors mask it.
/// </summary>
internal sealed class FakeVendorServer : IAsyncDisposable
{
    public const string Token = "tok_S3cret-0f-the-vendor";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly List<Fault> _faults = [];
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _holdPath;

    private FakeVendorServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToList();

    /// <summary>Completes when a request to the held path has arrived (and is being held).</summary>
    public Task Held => _held.Task;

    public static async Task<FakeVendorServer> StartAsync(Action<IEndpointRouteBuilder> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeVendorServer(app);
        app.Use(server.Intercept);
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseAddress = new Uri(address + "/");
        return server;
    }

    /// <summary>The next <paramref name="times"/> requests whose path contains <paramref name="path"/> get <paramref name="status"/>.</summary>
    public void Fail(int status, int times = 1, string path = "/", int? retryAfterSeconds = null)
    {
        lock (_faults)
            _faults.Add(new Fault(path, status, times, retryAfterSeconds));
    }

    public void FailAlways(int status, string path = "/") => Fail(status, int.MaxValue, path);

    /// <summary>Requests whose path contains <paramref name="path"/> get no answer until the caller aborts them.</summary>
    public void Hold(string path) => _holdPath = path;

    public IReadOnlyList<RecordedRequest> RequestsTo(string pathContains) =>
        Requests.Where(r => r.Path.Contains(pathContains, StringComparison.Ordinal)).ToList();

    private async Task Intercept(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var body = await new StreamReader(request.Body).ReadToEndAsync(context.RequestAborted);
        request.Body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body));
        var authorization = request.Headers.Authorization.ToString();
        _requests.Enqueue(new RecordedRequest(request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "",
            authorization.Length > 0 ? authorization : null, body, DateTimeOffset.UtcNow));

        if (TakeFault(request.Path.Value ?? "") is { } fault)
        {
            context.Response.StatusCode = fault.Status;
            if (fault.RetryAfterSeconds is { } seconds)
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await context.Response.WriteAsJsonAsync(new { message = $"injected fault for credentials '{authorization}'" });
            return;
        }

        if (_holdPath is { } hold && (request.Path.Value ?? "").Contains(hold, StringComparison.Ordinal))
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

internal sealed record RecordedRequest(string Method, string Path, string Query, string? Authorization, string Body, DateTimeOffset At);

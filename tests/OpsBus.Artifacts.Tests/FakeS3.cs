using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace OpsBus.Artifacts.Tests;

/// <summary>
/// The few S3 operations the artifacts storage uses, path-style, on Kestrel on a free loopback port: PUT, GET (with
/// Range), DELETE of objects, and multipart uploads (initiate, upload part, complete, abort). Signatures are not checked.
/// </summary>
internal sealed class FakeS3 : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte[]> _parts = new();

    private FakeS3(WebApplication app) => _app = app;

    public ConcurrentDictionary<string, byte[]> Objects { get; } = new();

    /// <summary>Operations served, e.g. <c>PUT object</c>, <c>POST complete</c>.</summary>
    public ConcurrentQueue<string> Operations { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<FakeS3> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var s3 = new FakeS3(app);
        app.Map("/{bucket}/{**key}", s3.Serve);
        await app.StartAsync();
        s3.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return s3;
    }

    private async Task Serve(HttpContext http, string bucket, string key)
    {
        var request = http.Request;
        var response = http.Response;
        var objectKey = $"{bucket}/{key}";
        var uploadId = request.Query["uploadId"].ToString();
        switch (request.Method)
        {
            case "PUT" when uploadId.Length > 0:
                var part = await ReadBody(request);
                _parts[$"{uploadId}/{int.Parse(request.Query["partNumber"]!):D5}"] = part;
                Operations.Enqueue("PUT part");
                response.Headers.ETag = ETag(part);
                return;
            case "PUT":
                var body = await ReadBody(request);
                Objects[objectKey] = body;
                Operations.Enqueue("PUT object");
                response.Headers.ETag = ETag(body);
                return;
            case "POST" when request.Query.ContainsKey("uploads"):
                var id = Guid.NewGuid().ToString("N");
                Operations.Enqueue("POST initiate");
                await Xml(response, $"<InitiateMultipartUploadResult><Bucket>{bucket}</Bucket><Key>{key}</Key><UploadId>{id}</UploadId></InitiateMultipartUploadResult>");
                return;
            case "POST" when uploadId.Length > 0:
                await ReadBody(request);
                var parts = _parts.Where(p => p.Key.StartsWith(uploadId + "/", StringComparison.Ordinal)).OrderBy(p => p.Key).ToList();
                Objects[objectKey] = parts.SelectMany(p => p.Value).ToArray();
                parts.ForEach(p => _parts.TryRemove(p.Key, out _));
                Operations.Enqueue("POST complete");
                await Xml(response, $"<CompleteMultipartUploadResult><Bucket>{bucket}</Bucket><Key>{key}</Key><ETag>{ETag(Objects[objectKey])}</ETag></CompleteMultipartUploadResult>");
                return;
            case "DELETE" when uploadId.Length > 0:
                foreach (var stale in _parts.Keys.Where(k => k.StartsWith(uploadId + "/", StringComparison.Ordinal)))
                    _parts.TryRemove(stale, out _);
                Operations.Enqueue("DELETE upload");
                response.StatusCode = StatusCodes.Status204NoContent;
                return;
            case "DELETE":
                Objects.TryRemove(objectKey, out _);
                Operations.Enqueue("DELETE object");
                response.StatusCode = StatusCodes.Status204NoContent;
                return;
            case "GET" when Objects.TryGetValue(objectKey, out var content):
                Operations.Enqueue("GET object");
                await WriteObject(request, response, content);
                return;
            default:
                response.StatusCode = StatusCodes.Status404NotFound;
                await Xml(response, $"<Error><Code>NoSuchKey</Code><Message>No {objectKey}</Message></Error>");
                return;
        }
    }

    private static async Task WriteObject(HttpRequest request, HttpResponse response, byte[] content)
    {
        response.ContentType = "application/octet-stream";
        response.Headers.ETag = ETag(content);
        response.Headers.LastModified = DateTimeOffset.UtcNow.ToString("R");
        var (from, to) = (0L, content.LongLength - 1);
        if (RangeHeaderValue.TryParse(request.Headers.Range.ToString(), out var range) && range.Ranges.Single() is { } requested)
        {
            from = requested.From ?? 0;
            to = Math.Min(requested.To ?? to, to);
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = $"bytes {from}-{to}/{content.LongLength}";
        }
        response.ContentLength = to - from + 1;
        await response.Body.WriteAsync(content.AsMemory((int)from, (int)(to - from + 1)));
    }

    private static async Task<byte[]> ReadBody(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static string ETag(byte[] content) => $"\"{Convert.ToHexStringLower(MD5.HashData(content))}\"";

    private static async Task Xml(HttpResponse response, string xml)
    {
        response.ContentType = "application/xml";
        await response.WriteAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + xml);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OpsBus.ServiceDefaults.Security;
using OpsBus.Testing;

namespace OpsBus.LaneWorker.Tests;

/// <summary>
/// A stand-in for the artifacts service's <c>POST /api/runs/{id}/artifacts</c> on a free loopback port: raw content
/// (<c>?name=&amp;kind=</c>) or a link as JSON, answered 201 with the stored artifact (size and SHA-256 of what arrived),
/// or 413 with a problem like the real one when the content is over <c>maxBytes</c>. Every upload stays recorded.
/// </summary>
internal sealed class FakeArtifactsService : IAsyncDisposable
{
    public const string InternalSecret = "a-test-internal-secret-0123456789";

    private readonly FakeHttpServer _server;

    private FakeArtifactsService(FakeHttpServer server) => _server = server;

    public IReadOnlyList<RecordedRequest> Uploads => _server.RequestsTo("/artifacts");

    /// <summary>What a worker needs to reach this service.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["LaneWorker:ArtifactsAddress"] = _server.BaseAddress.ToString(),
        ["OpsBus:InternalSecret"] = InternalSecret,
    };

    public static async Task<FakeArtifactsService> StartAsync(long maxBytes = 16 * 1024 * 1024) =>
        new(await FakeHttpServer.StartAsync(app => app.MapPost("/api/runs/{id:guid}/artifacts", (Guid id, HttpRequest request) => Store(id, request, maxBytes))));

    private static async Task<IResult> Store(Guid runId, HttpRequest request, long maxBytes)
    {
        var createdBy = request.Headers[InternalCaller.NameHeader].ToString();
        if (!request.Query.ContainsKey("name"))
        {
            using var link = await JsonDocument.ParseAsync(request.Body);
            var name = link.RootElement.GetProperty("name").GetString();
            return Results.Json(new { id = Guid.NewGuid(), runId, kind = "link", name, contentType = "text/uri-list", size = 0, sha256 = (string?)null,
                url = link.RootElement.GetProperty("url").GetString(), createdAt = DateTime.UtcNow, createdBy }, statusCode: StatusCodes.Status201Created);
        }

        using var content = new MemoryStream();
        await request.Body.CopyToAsync(content);
        if (content.Length > maxBytes)
            return Results.Problem(detail: $"An artifact may be at most {maxBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        return Results.Json(new
        {
            id = Guid.NewGuid(), runId, kind = request.Query["kind"].ToString(), name = request.Query["name"].ToString(), contentType = request.ContentType,
            size = content.Length, sha256 = Convert.ToHexStringLower(SHA256.HashData(content.ToArray())), url = (string?)null, createdAt = DateTime.UtcNow, createdBy,
        }, statusCode: StatusCodes.Status201Created);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}

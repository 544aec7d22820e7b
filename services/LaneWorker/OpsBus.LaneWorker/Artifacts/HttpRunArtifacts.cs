using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OpsBus.LaneWorker.Actions;
using OpsBus.ServiceDefaults.Security;

namespace OpsBus.LaneWorker.Artifacts;

/// <summary>
/// Attaches through the artifacts service's <c>POST /api/runs/{id}/artifacts</c> at <c>LaneWorker:ArtifactsAddress</c>,
/// as the caller <c>worker:&lt;worker id&gt;</c> with role <c>worker</c> in headers signed with <c>OpsBus:InternalSecret</c>,
/// exactly as the gateway signs the callers it forwards. Content is streamed as the raw body, never buffered whole.
/// </summary>
public sealed class HttpRunArtifacts(IHttpClientFactory httpClients, IOptions<LaneWorkerOptions> options, IConfiguration configuration, TimeProvider clock)
    : IRunArtifacts
{
    public const string ClientName = "opsbus-artifacts";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<AttachedArtifact> AttachAsync(
        Guid runId, string name, string kind, string contentType, Stream content, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
            throw new StepFailedException($"'{contentType}' is not a content type.", retryable: false);
        var body = new StreamContent(content);
        body.Headers.ContentType = mediaType;
        using var request = new HttpRequestMessage(HttpMethod.Post,
            $"api/runs/{runId}/artifacts?name={Uri.EscapeDataString(name)}&kind={Uri.EscapeDataString(kind)}") { Content = body };
        // A stream that can be rewound may be sent again after a 429/503; one that cannot only when it was never read.
        request.Options.Set(ArtifactsHttp.Resendable, content.CanSeek);
        return await SendAsync(request, cancellationToken);
    }

    public async Task<AttachedArtifact> AttachLinkAsync(Guid runId, string name, Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/runs/{runId}/artifacts")
        {
            Content = JsonContent.Create(new { kind = "link", name, url = url.AbsoluteUri }),
        };
        request.Options.Set(ArtifactsHttp.Resendable, true);
        return await SendAsync(request, cancellationToken);
    }

    private async Task<AttachedArtifact> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Sign(request);
        using var client = httpClients.CreateClient(ClientName);
        using var response = await client.SendForStepAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            return await response.Content.ReadFromJsonAsync<AttachedArtifact>(Json, cancellationToken)
                ?? throw new StepFailedException($"{AdapterHttp.Describe(request)} answered 201 without the artifact.", retryable: true);
        }

        var status = (int)response.StatusCode;
        var problem = await ProblemOf(response, cancellationToken);
        var retryable = status is 408 or 429 or >= 500;
        throw new StepFailedException(
            status == 413 ? problem ?? "the artifact is larger than the artifacts service accepts." : $"{AdapterHttp.Describe(request)} answered {status}{(problem is null ? "" : $": {problem}")}",
            retryable);
    }

    private void Sign(HttpRequestMessage request)
    {
        var secret = configuration[WorkerCaller.InternalSecretSetting];
        if (string.IsNullOrEmpty(secret))
            throw new StepFailedException($"this worker cannot attach artifacts: {WorkerCaller.InternalSecretSetting} is not set.", retryable: false);
        var name = WorkerCaller.NameOf(options.Value.WorkerId);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        request.Headers.Add(InternalCaller.NameHeader, name);
        request.Headers.Add(InternalCaller.RolesHeader, WorkerCaller.Role);
        request.Headers.Add(InternalCaller.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(InternalCaller.SignatureHeader, InternalCaller.Sign(secret, name, WorkerCaller.Role, timestamp));
    }

    /// <summary>What an RFC 7807 answer says: its detail, or its field errors; null when the body is not a problem.</summary>
    private static async Task<string?> ProblemOf(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var problem = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            var root = problem.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return null;
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                return string.Join("; ", errors.EnumerateObject().SelectMany(field =>
                    field.Value.ValueKind == JsonValueKind.Array ? field.Value.EnumerateArray().Select(m => $"{field.Name}: {m}") : []));
            }
            return root.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String ? detail.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

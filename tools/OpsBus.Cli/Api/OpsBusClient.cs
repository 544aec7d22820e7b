using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpsBus.Artifacts.Api;
using OpsBus.Cli.Configuration;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Api;

namespace OpsBus.Cli.Api;

/// <summary>
/// The public API over HTTP with the caller's key, answering in the API's own records. A refusal becomes a
/// <see cref="CliException"/> with the problem's message; a server that cannot be reached, one saying so.
/// </summary>
public sealed class OpsBusClient : IDisposable
{
    public const string YamlMediaType = "application/yaml";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly HttpClient _http;

    public OpsBusClient(CliSettings settings)
    {
        Settings = settings;
        _http = new HttpClient { BaseAddress = settings.Url, Timeout = TimeSpan.FromSeconds(100) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("opsbus-cli", "1.0"));
    }

    public CliSettings Settings { get; }

    public Task<ApiResponse<RunSnapshot>> CreateRunAsync(CreateRunRequest request, string idempotencyKey, CancellationToken cancellationToken) =>
        SendAsync<RunSnapshot>(HttpMethod.Post, "api/runs", JsonContent.Create(request, options: Json), cancellationToken, ("Idempotency-Key", idempotencyKey));

    public Task<ApiResponse<RunPage>> ListRunsAsync(RunFilter filter, CancellationToken cancellationToken) =>
        SendAsync<RunPage>(HttpMethod.Get, "api/runs" + filter.ToQuery(), null, cancellationToken);

    public Task<ApiResponse<RunSnapshot>> GetRunAsync(Guid runId, CancellationToken cancellationToken) =>
        SendAsync<RunSnapshot>(HttpMethod.Get, $"api/runs/{runId}", null, cancellationToken);

    /// <summary>Up to <paramref name="limit"/> stored log lines after <paramref name="afterSeq"/>, in order.</summary>
    public Task<ApiResponse<RunEventPage>> GetLogAsync(Guid runId, long afterSeq, int limit, CancellationToken cancellationToken) =>
        SendAsync<RunEventPage>(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"api/runs/{runId}/events?afterSeq={afterSeq}&limit={limit}"), null, cancellationToken);

    public Task<ApiResponse<RunSnapshot>> CancelRunAsync(Guid runId, string? reason, CancellationToken cancellationToken) =>
        SendAsync<RunSnapshot>(HttpMethod.Post, $"api/runs/{runId}/cancel", JsonContent.Create(new CancelRunRequest { Reason = reason }, options: Json), cancellationToken);

    public Task<ApiResponse<RunSnapshot>> RetryRunAsync(Guid runId, string idempotencyKey, CancellationToken cancellationToken) =>
        SendAsync<RunSnapshot>(HttpMethod.Post, $"api/runs/{runId}/retry", null, cancellationToken, ("Idempotency-Key", idempotencyKey));

    public Task<ApiResponse<RunSnapshot>> ApproveRunAsync(Guid runId, string planHash, string? comment, CancellationToken cancellationToken) =>
        SendAsync<RunSnapshot>(HttpMethod.Post, $"api/runs/{runId}/approve", JsonContent.Create(new ApprovalDecisionRequest(planHash, comment), options: Json), cancellationToken);

    public Task<ApiResponse<RunSnapshot>> RejectRunAsync(Guid runId, string? comment, CancellationToken cancellationToken) =>
        SendAsync<RunSnapshot>(HttpMethod.Post, $"api/runs/{runId}/reject", JsonContent.Create(new ApprovalDecisionRequest(null, comment), options: Json), cancellationToken);

    public Task<ApiResponse<PlanCard>> ParseIntentAsync(string text, CancellationToken cancellationToken) =>
        SendAsync<PlanCard>(HttpMethod.Post, "api/intents/parse", JsonContent.Create(new ParseIntentRequest { Text = text }, options: Json), cancellationToken);

    public Task<ApiResponse<TemplateList>> ListTemplatesAsync(CancellationToken cancellationToken) =>
        SendAsync<TemplateList>(HttpMethod.Get, "api/templates", null, cancellationToken);

    /// <summary>A template's current version as JSON (its parameters, steps and <c>version</c>).</summary>
    public Task<ApiResponse<JsonElement>> GetTemplateAsync(string slug, CancellationToken cancellationToken) =>
        SendAsync<JsonElement>(HttpMethod.Get, $"api/templates/{Uri.EscapeDataString(slug)}", null, cancellationToken);

    public Task<ApiResponse<TemplateVersionList>> ListTemplateVersionsAsync(string slug, CancellationToken cancellationToken) =>
        SendAsync<TemplateVersionList>(HttpMethod.Get, $"api/templates/{Uri.EscapeDataString(slug)}/versions", null, cancellationToken);

    /// <summary>A template as YAML: the current version, or <paramref name="version"/>.</summary>
    public async Task<string> ExportTemplateAsync(string slug, int? version, CancellationToken cancellationToken)
    {
        var path = $"api/templates/{Uri.EscapeDataString(slug)}" + (version is { } v ? string.Create(CultureInfo.InvariantCulture, $"/versions/{v}") : "");
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(YamlMediaType));
        using var response = await SendRawAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>Creates the template written in <paramref name="yaml"/>; null when one with its slug exists already (409).</summary>
    public async Task<ApiResponse<JsonElement>?> CreateTemplateAsync(string yaml, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/templates") { Content = Yaml(yaml) };
        using var response = await SendOnceAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.Conflict)
            return null;
        return await ReadAsync<JsonElement>(response, cancellationToken);
    }

    /// <summary>Adds a version to the template <paramref name="slug"/> from <paramref name="yaml"/>.</summary>
    public Task<ApiResponse<JsonElement>> UpdateTemplateAsync(string slug, string yaml, CancellationToken cancellationToken) =>
        SendAsync<JsonElement>(HttpMethod.Put, $"api/templates/{Uri.EscapeDataString(slug)}", Yaml(yaml), cancellationToken);

    public Task<ApiResponse<IReadOnlyList<ArtifactResponse>>> ListArtifactsAsync(Guid runId, CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<ArtifactResponse>>(HttpMethod.Get, $"api/runs/{runId}/artifacts", null, cancellationToken);

    public Task<ApiResponse<ArtifactResponse>> GetArtifactAsync(Guid artifactId, CancellationToken cancellationToken) =>
        SendAsync<ArtifactResponse>(HttpMethod.Get, $"api/artifacts/{artifactId}", null, cancellationToken);

    /// <summary>Streams an artifact's content into <paramref name="destination"/>; returns the bytes written.</summary>
    public async Task<long> DownloadArtifactAsync(Guid artifactId, Stream destination, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/artifacts/{artifactId}/content");
        using var response = await SendRawAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using var content = await response.Content.ReadAsStreamAsync(cancellationToken);
        var before = destination.CanSeek ? destination.Position : 0;
        await content.CopyToAsync(destination, cancellationToken);
        return destination.CanSeek ? destination.Position - before : response.Content.Headers.ContentLength ?? -1;
    }

    public void Dispose() => _http.Dispose();

    private async Task<ApiResponse<T>> SendAsync<T>(
        HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        foreach (var (name, value) in headers)
            request.Headers.Add(name, value);
        using var response = await SendRawAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    private static async Task<ApiResponse<T>> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
            throw await ProblemMessage.FromAsync(response, cancellationToken);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
        var value = json.Deserialize<T>(Json) ?? throw CliException.Failure($"The server answered {response.RequestMessage?.RequestUri} with an empty body.");
        return new ApiResponse<T>(value, json);
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        var response = await SendOnceAsync(request, completion, cancellationToken);
        if (response.IsSuccessStatusCode)
            return response;
        using (response)
            throw await ProblemMessage.FromAsync(response, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, completion, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw CliException.Failure($"Cannot reach OpsBus at {Settings.Url}: {e.Message.TrimEnd('.')}. Is it running (opsbus up), and is OPSBUS_URL right?");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw CliException.Failure($"OpsBus at {Settings.Url} did not answer within {_http.Timeout.TotalSeconds:0} s.");
        }
    }

    private static StringContent Yaml(string yaml) => new(yaml, Encoding.UTF8, YamlMediaType);
}

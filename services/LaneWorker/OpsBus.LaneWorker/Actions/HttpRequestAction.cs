using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace OpsBus.LaneWorker.Actions;

/// <summary>
/// <c>http.request</c>: sends <c>method</c> (default GET) to <c>url</c> with <c>headers</c> and <c>body</c> (a string,
/// or a JSON object/array sent as JSON), expects <c>expectStatus</c> (a code or a list; default any 2xx) and checks
/// <c>assert</c> against the JSON response. Outputs <c>status</c> and, for a JSON response under 64 KB, <c>body</c>.
/// 429/5xx are retried by the adapter client; what is left is a retryable failure, any other mismatch a final one.
/// </summary>
public sealed class HttpRequestAction(IHttpClientFactory httpClients, TimeProvider clock) : IRunAction
{
    public const string ClientName = "http.request";

    private const int MaxBodyOutputBytes = 64 * 1024;
    private const int MaxBodyReadBytes = 4 * 1024 * 1024;
    private static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

    public string Name => ClientName;

    public async Task ExecuteAsync(StepContext step, CancellationToken cancellationToken)
    {
        var method = (step.OptionalString("method") ?? "GET").ToUpperInvariant();
        if (!Methods.Contains(method))
            throw new StepFailedException($"Step '{step.Step.Id}': 'method' must be one of {string.Join(", ", Methods)}.", retryable: false);
        var url = step.RequireString("url");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new StepFailedException($"Step '{step.Step.Id}': 'url' must be an absolute http(s) URL.", retryable: false);
        var expected = ExpectedStatus.Read(step, "expectStatus") ?? ExpectedStatus.AnySuccess;
        var assertions = JsonAssertions.Read(step, "assert");

        using var request = new HttpRequestMessage(new HttpMethod(method), uri) { Content = Body(step) };
        AddHeaders(step, request);
        var described = AdapterHttp.Describe(request);

        using var client = httpClients.CreateClient(Name);
        var started = clock.GetTimestamp();
        using var response = await client.SendForStepAsync(request, cancellationToken);
        var status = (int)response.StatusCode;
        step.Info($"{described} → {status} ({clock.GetElapsedTime(started).TotalMilliseconds:0} ms)");
        step.SetOutput("status", status.ToString(CultureInfo.InvariantCulture));
        if (!expected.Matches(status))
            throw expected.Mismatch(described, status);

        var isJson = IsJson(response.Content.Headers.ContentType);
        if (!isJson && assertions is null)
            return;
        var body = await ReadBodyAsync(response.Content, cancellationToken);
        if (isJson && body is not null && body.Length < MaxBodyOutputBytes)
            step.SetOutput("body", Encoding.UTF8.GetString(body));
        if (assertions is not null)
            Assert(step, assertions, isJson, body);
    }

    private static HttpContent? Body(StepContext step) => step.OptionalJson("body") switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } text => new StringContent(text.GetString()!, Encoding.UTF8),
        { ValueKind: JsonValueKind.Object or JsonValueKind.Array } json => JsonContent.Create(json),
        _ => throw new StepFailedException($"Step '{step.Step.Id}': 'body' must be a string or a JSON object or array.", retryable: false),
    };

    private static void AddHeaders(StepContext step, HttpRequestMessage request)
    {
        foreach (var (name, value) in step.OptionalStringMap("headers") ?? new Dictionary<string, string>())
        {
            if (request.Headers.TryAddWithoutValidation(name, value))
                continue;
            // Content headers (Content-Type…) belong to the body.
            if (request.Content is null)
                throw new StepFailedException($"Step '{step.Step.Id}': header '{name}' describes a body, but the request has none.", retryable: false);
            request.Content.Headers.Remove(name);
            if (!request.Content.Headers.TryAddWithoutValidation(name, value))
                throw new StepFailedException($"Step '{step.Step.Id}': header '{name}' cannot be sent.", retryable: false);
        }
    }

    private static bool IsJson(MediaTypeHeaderValue? contentType) =>
        contentType?.MediaType is { } media
        && (media.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>The body, or null when it is larger than this action reads.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyReadBytes)
                return null;
        }
        return buffer.ToArray();
    }

    private static void Assert(StepContext step, JsonAssertions assertions, bool isJson, byte[]? body)
    {
        if (!isJson)
            throw new StepFailedException($"Step '{step.Step.Id}': 'assert' needs a JSON response, but the response is not JSON.", retryable: false);
        if (body is null)
            throw new StepFailedException($"Step '{step.Step.Id}': the response is larger than {MaxBodyReadBytes / 1024 / 1024} MB, too large to assert on.", retryable: false);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new StepFailedException($"Step '{step.Step.Id}': the response is not valid JSON: {e.Message}", retryable: false);
        }
        using (document)
        {
            var failures = assertions.Check(document.RootElement);
            if (failures.Count > 0)
                throw new StepFailedException($"Step '{step.Step.Id}': {failures.Count} of {assertions.Count} assertion(s) failed: {string.Join("; ", failures)}", retryable: false);
            step.Info($"{assertions.Count} assertion(s) passed");
        }
    }
}

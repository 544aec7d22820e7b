using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OpsBus.LaneWorker.Actions;
using OpsBus.Runbooks.Secrets;
using Polly.Timeout;

namespace OpsBus.LaneWorker.Adapters;

/// <summary>
/// A vendor's HTTP API as the adapters call it: JSON in and out, the token as a bearer credential (sent only to the
/// vendor's own host), and every failure turned into a <see cref="StepFailedException"/> that names the call, never the
/// token. The named client underneath already retried 429/5xx and applied the timeouts, so a failure here is final.
/// </summary>
public sealed class VendorApi
{
    private const int ErrorExcerptLength = 300;

    private readonly HttpClient _http;
    private readonly string _vendor;
    private readonly string _token;
    private readonly SecretMasker _masker;

    private VendorApi(HttpClient http, string vendor, string token)
    {
        _http = http;
        _vendor = vendor;
        _token = token;
        _masker = new SecretMasker([token]);
    }

    /// <summary>The API of the vendor <paramref name="options"/> configure; fails non-retryably when it has no token.</summary>
    public static VendorApi Connect(IHttpClientFactory clients, VendorOptions options) =>
        new(clients.CreateClient(options.ClientName), options.Vendor, options.RequireToken());

    public Task<JsonElement> GetAsync(string target, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, target, null, cancellationToken);

    public Task<JsonElement> PostAsync(string target, object body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, target, body, cancellationToken);

    /// <summary>
    /// Sends one call. <paramref name="target"/> is relative to the base URL or absolute; <paramref name="describeAs"/>
    /// replaces the path in messages when the address itself is a secret (a deploy hook).
    /// </summary>
    public async Task<JsonElement> SendAsync(HttpMethod method, string target, object? body, CancellationToken cancellationToken, string? describeAs = null)
    {
        var uri = new Uri(_http.BaseAddress!, target);
        var call = describeAs ?? $"{method} {uri.AbsolutePath}";
        using var request = new HttpRequestMessage(method, uri);
        if (Uri.Compare(uri, _http.BaseAddress, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        if (body is not null)
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or OperationCanceledException)
        {
            throw Failure(call, e is HttpRequestException ? e.Message : "timed out", retryable: true);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
                throw Failure(call, $"HTTP {status}{Excerpt(text)}", retryable: status is 429 or >= 500);
            if (string.IsNullOrWhiteSpace(text))
                return default;
            try
            {
                using var document = JsonDocument.Parse(text);
                return document.RootElement.Clone();
            }
            catch (JsonException)
            {
                throw Failure(call, $"HTTP {status} with a body that is not JSON", retryable: false);
            }
        }
    }

    /// <summary>Text from the vendor (a log line, a message) with the token masked, should the vendor ever echo it.</summary>
    public string Mask(string text) => _masker.Mask(text);

    private StepFailedException Failure(string call, string what, bool retryable) =>
        new(Mask($"{_vendor} {call} failed: {what}"), retryable);

    /// <summary>The vendor's own error message, if its body carries one, for the failure message.</summary>
    private static string Excerpt(string body)
    {
        var message = ErrorMessage(body);
        if (string.IsNullOrWhiteSpace(message))
            return "";
        message = message.ReplaceLineEndings(" ").Trim();
        return " (" + (message.Length > ErrorExcerptLength ? message[..ErrorExcerptLength] + "…" : message) + ")";
    }

    private static string? ErrorMessage(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return null;
            foreach (var name in (string[])["message", "error", "msg", "error_description"])
            {
                if (!root.TryGetProperty(name, out var value))
                    continue;
                if (value.ValueKind == JsonValueKind.String)
                    return value.GetString();
                if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("message", out var nested) && nested.ValueKind == JsonValueKind.String)
                    return nested.GetString();
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

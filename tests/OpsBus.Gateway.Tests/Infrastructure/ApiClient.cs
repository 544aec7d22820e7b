using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpsBus.Gateway.Tests.Infrastructure;

/// <summary>Requests as a caller holding <paramref name="key"/> (or none) would send them.</summary>
public static class ApiClient
{
    public static HttpRequestMessage Request(HttpMethod method, string path, string? key, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        return request;
    }

    public static Task<HttpResponseMessage> Send(this HttpClient client, HttpMethod method, string path, string? key, object? body = null) =>
        client.SendAsync(Request(method, path, key, body));

    public static async Task<JsonElement> Json(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>Creates a key with <paramref name="adminKey"/> and returns the key itself.</summary>
    public static async Task<string> CreateKey(this HttpClient client, string adminKey, string name, string role)
    {
        using var response = await client.Send(HttpMethod.Post, "/api/keys", adminKey, new { name, role });
        response.EnsureSuccessStatusCode();
        return (await response.Json()).GetProperty("key").GetString()!;
    }
}

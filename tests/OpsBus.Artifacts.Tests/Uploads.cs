using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using OpsBus.Artifacts.Api;

namespace OpsBus.Artifacts.Tests;

/// <summary>The requests a client makes to store artifacts, and what a test needs to check their answers.</summary>
internal static class Uploads
{
    public static async Task<HttpResponseMessage> Raw(HttpClient http, Guid runId, string name, byte[] content, string contentType = "text/plain", string kind = "file")
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await http.PostAsync($"/api/runs/{runId}/artifacts?name={Uri.EscapeDataString(name)}&kind={kind}", body);
    }

    public static async Task<ArtifactResponse> Stored(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<ArtifactResponse>())!;
    }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Deterministic bytes that do not compress to nothing.</summary>
    public static byte[] Bytes(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}

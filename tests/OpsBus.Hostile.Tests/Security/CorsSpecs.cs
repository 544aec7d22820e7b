namespace OpsBus.Hostile.Tests.Security;

/// <summary>
/// No origin but the control room's own may read OpsBus from a browser: a cross-origin preflight and a cross-origin
/// request, with or without a valid key, get no <c>Access-Control-Allow-*</c> header, so the browser withholds the answer.
/// </summary>
public sealed class When_a_page_of_another_origin_calls_the_edge
{
    private const string Foreign = "https://evil.example";

    [Theory]
    [InlineData("/api/runs", "POST")]
    [InlineData("/api/keys", "POST")]
    [InlineData("/api/me", "GET")]
    [InlineData("/hubs/runs/negotiate", "POST")]
    [InlineData("/", "GET")]
    public async Task Should_grant_no_preflight(string path, string method)
    {
        await using var edge = HostileEdge.Start();
        using var client = edge.ClientWith(null);
        using var preflight = new HttpRequestMessage(HttpMethod.Options, path);
        preflight.Headers.Add("Origin", Foreign);
        preflight.Headers.Add("Access-Control-Request-Method", method);
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization, content-type");

        using var response = await client.SendAsync(preflight);

        AssertNoCorsGrant(response);
    }

    [Theory]
    [InlineData("/api/me")]
    [InlineData("/api/runs")]
    [InlineData("/")]
    public async Task Should_grant_no_cross_origin_read_even_with_a_valid_key(string path)
    {
        await using var edge = HostileEdge.Start();
        using var client = edge.ClientWith(HostileEdge.AdminKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Origin", Foreign);

        using var response = await client.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
        AssertNoCorsGrant(response);
    }

    private static void AssertNoCorsGrant(HttpResponseMessage response)
    {
        var granted = response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase))
            .Select(h => $"{h.Key}: {string.Join(",", h.Value)}")
            .ToList();
        Assert.True(granted.Count == 0, $"{response.RequestMessage?.RequestUri}: {string.Join("; ", granted)}");
    }
}

using System.Net.Http.Json;
using System.Text;

namespace OpsBus.Api.Tests;

/// <summary>Template bodies and requests as a client writes them.</summary>
internal static class TemplateRequests
{
    public const string Yaml = "application/yaml";

    /// <summary>A small valid template; <paramref name="title"/> tells versions apart.</summary>
    public static object Greeter(string slug = "greeter", string title = "Greeter", string risk = "read") => new
    {
        slug,
        title,
        description = "Greets.",
        defaultLane = "C",
        risk,
        environments = new[] { "staging", "prod" },
        parameters = new object[]
        {
            new { key = "name", label = "Name", type = "string", @default = "world", pattern = "^[a-z]+$" },
            new { key = "times", label = "Times", type = "number", @default = 1 },
            new { key = "tone", label = "Tone", type = "enum", allowedValues = new[] { "warm", "dry" }, @default = "warm" },
        },
        steps = new object[]
        {
            new { id = "greet", title = "Say hello", phase = "action", action = "echo", inputs = new { message = "Hello ${{ params.name }} in ${{ env }}" } },
        },
    };

    /// <summary>A template that carries a secret to its only step, which echoes it (the worker masks it in the log).</summary>
    public const string WithSecretYaml = """
        slug: token-echo
        title: Echo a token
        defaultLane: A
        risk: read
        parameters:
          - key: token
            label: Token
            type: secret
            required: true
        steps:
          - id: use
            title: Use the token
            phase: action
            action: echo
            inputs:
              message: ${{ params.token }}
        """;

    public static Task<HttpResponseMessage> Send(this ApiClient client, HttpMethod method, string url, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body, options: ApiClient.Json) };
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.Http.SendAsync(request);
    }

    public static Task<HttpResponseMessage> SendYaml(this ApiClient client, HttpMethod method, string url, string yaml) =>
        client.Http.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(yaml, Encoding.UTF8, Yaml) });

    public static async Task<string> GetYaml(this ApiClient client, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(Yaml);
        using var response = await client.Http.SendAsync(request);
        await ApiClient.Expect(response, System.Net.HttpStatusCode.OK);
        Assert.Equal(Yaml, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OpsBus.Contracts;
using OpsBus.Testing;

namespace OpsBus.Api.Tests;

/// <summary>One caller's view of the API over HTTP, with JSON as the wire carries it (camelCase).</summary>
internal sealed class ApiClient(HttpClient http)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public HttpClient Http => http;

    public Task<HttpResponseMessage> Post(string url, object? body = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        return http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostRaw(string url, string body) =>
        http.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> Get(string url) => http.GetAsync(url);

    public async Task<T> Get<T>(string url)
    {
        using var response = await http.GetAsync(url);
        await Expect(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    /// <summary>Requests a run and expects it accepted.</summary>
    public async Task<RunSnapshot> Submit(object body, string? idempotencyKey = null)
    {
        using var response = await Post("/api/runs", body, idempotencyKey);
        await Expect(response, HttpStatusCode.Accepted);
        return (await response.Content.ReadFromJsonAsync<RunSnapshot>(Json))!;
    }

    public Task<RunSnapshot> GetRun(Guid id) => Get<RunSnapshot>($"/api/runs/{id}");

    public Task<RunSnapshot> WaitForStatus(Guid id, string status, int seconds = 30) =>
        WaitFor(id, run => run.Status == status, $"to be {status}", seconds);

    /// <summary>Waits until the run finished with <paramref name="status"/> and the read model holds every step's end.</summary>
    public Task<RunSnapshot> WaitForFinish(Guid id, string status, int seconds = 30) =>
        WaitFor(id, run => run.Status == status && run.Steps.All(s => s.FinishedAt is not null), $"to be {status} with every step finished", seconds);

    public Task<RunSnapshot> WaitFor(Guid id, Func<RunSnapshot, bool> condition, string what, int seconds = 30) =>
        Eventually.Get(async () =>
        {
            var run = await GetRun(id);
            return condition(run) ? run : null;
        }, TimeSpan.FromSeconds(seconds), $"run {id} {what}");

    public static async Task Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
            Assert.Fail($"Expected {(int)status} but got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Expects an RFC 7807 problem with this status and returns its JSON.</summary>
    public static async Task<JsonElement> ExpectProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        await Expect(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>Expects a 400 validation problem and returns the fields it names.</summary>
    public static async Task<IReadOnlyList<string>> ExpectInvalidFields(HttpResponseMessage response)
    {
        var problem = await ExpectProblem(response, HttpStatusCode.BadRequest);
        return problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace OpsBus.Ui.Tests;

public sealed partial class When_the_gateway_serves_the_control_room : IAsyncLifetime
{
    private ControlRoomHost _host = null!;

    public Task InitializeAsync()
    {
        _host = ControlRoomHost.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Should_answer_the_app_routes_with_the_page_and_its_security_headers()
    {
        foreach (var path in new[] { "/", "/runs", "/templates/hello" })
        {
            using var response = await _host.Api.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<div id=\"root\">", await response.Content.ReadAsStringAsync());
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("script-src 'self'", csp);
            Assert.Contains("connect-src 'self'", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("object-src 'none'", csp);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.True(response.Headers.CacheControl?.NoCache);
        }
    }

    [Fact]
    public async Task Should_serve_the_hashed_bundles_as_immutable()
    {
        var page = await _host.Api.GetStringAsync("/");
        var script = ScriptPath().Match(page).Groups[1].Value;

        using var response = await _host.Api.GetAsync(script);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.MaxAge >= TimeSpan.FromDays(365));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Theory]
    [InlineData("/api/nothing-here")]
    [InlineData("/health/nothing-here")]
    [InlineData("/openapi/nothing-here")]
    [InlineData("/hubs/nothing-here")]
    public async Task Should_never_answer_a_server_path_with_the_page(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ControlRoomHost.AdminKey);

        using var response = await _host.Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Should_tell_the_caller_its_name_and_roles()
    {
        var me = await _host.Get("/api/me", await _host.CreateKey("olga", "operator"));

        Assert.Equal("olga", me.GetProperty("name").GetString());
        Assert.Equal(["operator"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [GeneratedRegex("<script type=\"module\" crossorigin src=\"([^\"]+)\"")]
    private static partial Regex ScriptPath();
}

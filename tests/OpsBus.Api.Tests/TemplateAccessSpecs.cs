using System.Net;

namespace OpsBus.Api.Tests;

public sealed class When_someone_other_than_an_admin_edits_templates
{
    [Theory]
    [InlineData("alice:operator")]
    [InlineData("ann:approver")]
    [InlineData("carol:auditor")]
    public async Task Should_answer_403_and_change_nothing(string caller)
    {
        await using var api = await ApiHost.StartAsync();
        var client = api.As(caller);

        using var create = await client.Post("/api/templates", TemplateRequests.Greeter());
        using var edit = await client.Send(HttpMethod.Put, "/api/templates/hello", TemplateRequests.Greeter(slug: "hello"));
        using var read = await client.Get("/api/templates/hello");

        await ApiClient.ExpectProblem(create, HttpStatusCode.Forbidden);
        await ApiClient.ExpectProblem(edit, HttpStatusCode.Forbidden);
        await ApiClient.Expect(read, HttpStatusCode.OK);
        Assert.Equal(1, await api.Query(db => Task.FromResult(db.TemplateVersions.Count(v => v.Slug == "hello"))));
        Assert.False(await api.Query(db => Task.FromResult(db.Templates.Any(t => t.Slug == "greeter"))));
    }
}

public sealed class When_an_anonymous_caller_reaches_templates_or_intents
{
    [Theory]
    [InlineData("GET", "/api/templates")]
    [InlineData("POST", "/api/templates")]
    [InlineData("GET", "/api/templates/hello")]
    [InlineData("PUT", "/api/templates/hello")]
    [InlineData("GET", "/api/templates/hello/versions")]
    [InlineData("GET", "/api/templates/hello/versions/1")]
    [InlineData("POST", "/api/intents/parse")]
    public async Task Should_answer_401(string method, string url)
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.As(null).Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

public sealed class When_a_template_is_not_valid
{
    [Fact]
    public async Task Should_answer_400_naming_each_field_in_json()
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.As("root:admin").Post("/api/templates", new
        {
            slug = "Bad Slug",
            title = "",
            defaultLane = "A",
            risk = "reckless",
            parameters = new object[] { new { key = "token", label = "Token", type = "secret", @default = "hunter2" } },
            steps = new object[] { new { id = "x", title = "X", phase = "sometime", action = "echo", inputs = new { m = "${{ params.nope }}" } } },
        });

        Assert.Equal(
            ["parameters[0].default", "risk", "slug", "steps[0].inputs.m", "steps[0].phase", "title"],
            await ApiClient.ExpectInvalidFields(response));
    }

    [Theory]
    [InlineData("""{"slug":"x1","title":"X","defaultLane":"A","risk":"read","steps":[null]}""", "steps[0]")]
    [InlineData("""{"slug":"x1","title":"X","defaultLane":"A","risk":"read","parameters":[{"key":"a","label":"A","type":"string"},null],"steps":[]}""", "parameters[1]")]
    [InlineData("""{"slug":"x1","title":"X","defaultLane":"A","risk":"read","steps":{}}""", "steps")]
    [InlineData("""[1,2]""", "body")]
    public async Task Should_answer_400_for_json_of_the_wrong_shape(string body, string field)
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.As("root:admin").PostRaw("/api/templates", body);

        Assert.Equal([field], await ApiClient.ExpectInvalidFields(response));
    }

    [Fact]
    public async Task Should_answer_400_with_line_and_column_for_broken_yaml()
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.As("root:admin").SendYaml(HttpMethod.Post, "/api/templates", "slug: x\ntitle: [unclosed\n");

        var problem = await ApiClient.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.Contains("Line ", problem.GetProperty("errors").GetProperty("body")[0].GetString());
        Assert.True(problem.GetProperty("line").GetInt32() >= 2);
        Assert.True(problem.GetProperty("column").GetInt32() >= 1);
    }

    [Fact]
    public async Task Should_answer_400_naming_each_field_in_yaml()
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.As("root:admin").SendYaml(HttpMethod.Post, "/api/templates", """
            slug: ok-slug
            title: Fine
            defaultLane: A
            risk: read
            steps: []
            """);

        Assert.Equal(["steps"], await ApiClient.ExpectInvalidFields(response));
    }

    [Fact]
    public async Task Should_answer_400_when_a_put_names_another_slug()
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.As("root:admin").Send(HttpMethod.Put, "/api/templates/hello", TemplateRequests.Greeter(slug: "greeter"));

        Assert.Equal(["slug"], await ApiClient.ExpectInvalidFields(response));
    }
}

using System.Net;
using System.Net.Http.Json;
using OpsBus.Orchestrator.Triggers;
using static OpsBus.Api.Tests.GitHubDeliveries;

namespace OpsBus.Api.Tests;

public sealed class When_an_admin_manages_trigger_rules
{
    private static object Rule(string name = "pushes") => new
    {
        name, repository = "acme/*", @event = "pull_request", actions = new[] { "opened" }, branches = new[] { "main", "release/**" },
        template = "ci-check", @params = new { repo = "${{ github.repo }}", pr = "${{ github.pr }}", note = "literal" }, lane = "B",
    };

    [Fact]
    public async Task Should_create_read_replace_and_delete_a_rule()
    {
        await using var api = await StartWithTemplateAsync();
        var admin = api.As("root:admin");

        using var created = await admin.Post("/api/triggers", Rule());
        await ApiClient.Expect(created, HttpStatusCode.Created);
        var rule = (await created.Content.ReadFromJsonAsync<TriggerView>(ApiClient.Json))!;
        Assert.Equal($"/api/triggers/{rule.Id}", created.Headers.Location?.OriginalString);
        Assert.Equal(["opened"], rule.Actions);
        Assert.Equal(["main", "release/**"], rule.Branches);
        Assert.Equal("${{ github.pr }}", rule.Params["pr"].GetString());
        Assert.Equal("root", rule.CreatedBy);
        Assert.True(rule.Enabled);

        using var replaced = await admin.Send(HttpMethod.Put, $"/api/triggers/{rule.Id}",
            new { name = "releases", repository = "acme/shop", @event = "release", template = "ci-check", @params = new { repo = "${{ github.repo }}", tag = "${{ github.tag }}" }, enabled = false });
        await ApiClient.Expect(replaced, HttpStatusCode.OK);
        var read = await admin.Get<TriggerView>($"/api/triggers/{rule.Id}");
        Assert.Equal(("releases", "release", false), (read.Name, read.Event, read.Enabled));
        Assert.Equal(["published"], read.Actions);
        Assert.Single((await admin.Get<TriggerPage>("/api/triggers")).Items);

        await ApiClient.Expect(await admin.Http.DeleteAsync($"/api/triggers/{rule.Id}"), HttpStatusCode.NoContent);
        await ApiClient.ExpectProblem(await admin.Get($"/api/triggers/{rule.Id}"), HttpStatusCode.NotFound);
        Assert.Empty((await admin.Get<TriggerPage>("/api/triggers")).Items);
    }

    [Fact]
    public async Task Should_let_only_admins_near_the_rules()
    {
        await using var api = await StartWithTemplateAsync();
        var id = await api.CreateTrigger(Rule());

        foreach (var caller in new[] { "alice:operator", "ann:approver", "audrey:auditor" })
        {
            var client = api.As(caller);
            await ApiClient.ExpectProblem(await client.Get("/api/triggers"), HttpStatusCode.Forbidden);
            await ApiClient.ExpectProblem(await client.Post("/api/triggers", Rule()), HttpStatusCode.Forbidden);
            await ApiClient.ExpectProblem(await client.Send(HttpMethod.Put, $"/api/triggers/{id}", Rule()), HttpStatusCode.Forbidden);
            await ApiClient.ExpectProblem(await client.Http.DeleteAsync($"/api/triggers/{id}"), HttpStatusCode.Forbidden);
            await ApiClient.ExpectProblem(await client.Get($"/api/triggers/{id}/deliveries"), HttpStatusCode.Forbidden);
        }
        await ApiClient.Expect(await api.As(null).Get("/api/triggers"), HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("""{"repository":"acme shop"}""", "repository")]
    [InlineData("""{"repository":"acme"}""", "repository")]
    [InlineData("""{"event":"issues"}""", "event")]
    [InlineData("""{"actions":["merged"]}""", "actions")]
    [InlineData("""{"event":"push","actions":["opened"],"params":{"repo":"${{ github.repo }}"}}""", "actions")]
    [InlineData("""{"branches":["main","bad branch"]}""", "branches[1]")]
    [InlineData("""{"branches":["refs/heads/main"]}""", "branches[0]")]
    [InlineData("""{"template":"no-such-template"}""", "template")]
    [InlineData("""{"params":{"repo":"${{ github.repo }}","nope":"x"}}""", "params.nope")]
    [InlineData("""{"params":{"repo":"${{ github.nope }}"}}""", "params.repo")]
    [InlineData("""{"event":"push","actions":null,"params":{"repo":"${{ github.repo }}","pr":"${{ github.pr }}"}}""", "params.pr")]
    [InlineData("""{"params":{"repo":"${{ params.other }}"}}""", "params.repo")]
    [InlineData("""{"params":{"repo":"${{ github.repo }}","pr":"twelve"}}""", "params.pr")]
    [InlineData("""{"lane":"no lane!"}""", "lane")]
    [InlineData("""{"sessionId":"no-such-session"}""", "sessionId")]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"params":{"note":"x"}}""", "params.repo")]
    public async Task Should_refuse_a_rule_naming_the_field_at_fault(string change, string field)
    {
        await using var api = await StartWithTemplateAsync();
        var rule = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Rule(), ApiClient.Json))!.AsObject();
        foreach (var (key, value) in System.Text.Json.Nodes.JsonNode.Parse(change)!.AsObject().ToList())
            rule[key] = value?.DeepClone();

        using var response = await api.As("root:admin").PostRaw("/api/triggers", rule.ToJsonString());

        Assert.Equal([field], await ApiClient.ExpectInvalidFields(response));
    }
}

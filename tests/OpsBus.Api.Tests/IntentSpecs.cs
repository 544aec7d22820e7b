using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpsBus.Contracts;

namespace OpsBus.Api.Tests;

public sealed class When_an_operator_states_an_intent
{
    [Fact]
    public async Task Should_propose_a_plan_card_from_the_stored_template()
    {
        await using var api = await ApiHost.StartAsync();

        var card = await Parse(api.As("carol:auditor"), "deploy api to prod");

        Assert.Equal(("deploy", "prod", "B", "write", true), (card.GetProperty("template").GetString(), card.GetProperty("environment").GetString(),
            card.GetProperty("lane").GetString(), card.GetProperty("risk").GetString(), card.GetProperty("requiresApproval").GetBoolean()));
        var parameters = card.GetProperty("params");
        Assert.Equal(("api", "main", "opsbus/app"), (parameters.GetProperty("service").GetString(), parameters.GetProperty("ref").GetString(),
            parameters.GetProperty("repository").GetString()));
        Assert.InRange(card.GetProperty("confidence").GetDouble(), 0.4, 0.99);
        Assert.Equal(["plan", "before", "dispatch", "workflow", "after", "summary"],
            card.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.Equal("github.workflow.dispatch", card.GetProperty("steps")[2].GetProperty("action").GetString());
        Assert.Empty(card.GetProperty("missing").EnumerateArray());
        Assert.Equal(JsonValueKind.Array, card.GetProperty("alternatives").ValueKind);
    }

    [Fact]
    public async Task Should_show_what_an_edited_template_now_defaults_to()
    {
        await using var api = await ApiHost.StartAsync();
        var admin = api.As("root:admin");
        var hello = await admin.Get<JsonElement>("/api/templates/hello");
        var edited = hello.GetRawText().Replace("\"world\"", "\"team\"", StringComparison.Ordinal);
        using var put = await admin.Http.PutAsync("/api/templates/hello", new StringContent(edited, System.Text.Encoding.UTF8, "application/json"));
        await ApiClient.Expect(put, HttpStatusCode.OK);

        var card = await Parse(admin, "say hello");

        Assert.Equal(("hello", "team"), (card.GetProperty("template").GetString(), card.GetProperty("params").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Should_list_what_is_missing_when_the_text_leaves_it_out()
    {
        await using var api = await ApiHost.StartAsync();

        var card = await Parse(api.As("alice:operator"), "deploy web");

        Assert.Equal("deploy", card.GetProperty("template").GetString());
        Assert.Contains("environment", card.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.NotEmpty(card.GetProperty("suggestions").EnumerateArray());
    }

    [Theory]
    [InlineData("qwerty uiop")]
    [InlineData("make me a sandwich")]
    public async Task Should_answer_without_template_and_with_suggestions_when_not_understood(string text)
    {
        await using var api = await ApiHost.StartAsync();

        var card = await Parse(api.As("alice:operator"), text);

        Assert.Equal(JsonValueKind.Null, card.GetProperty("template").ValueKind);
        Assert.NotEmpty(card.GetProperty("suggestions").EnumerateArray());
    }

    [Theory]
    [InlineData("""{"text":""}""")]
    [InlineData("""{"text":"   "}""")]
    [InlineData("""{}""")]
    public async Task Should_answer_400_for_no_text(string body)
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.As("alice:operator").PostRaw("/api/intents/parse", body);

        Assert.Equal(["text"], await ApiClient.ExpectInvalidFields(response));
    }

    [Fact]
    public async Task Should_answer_400_for_more_than_500_characters()
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.As("alice:operator").Post("/api/intents/parse", new { text = "deploy " + new string('x', 494) });

        Assert.Equal(["text"], await ApiClient.ExpectInvalidFields(response));
    }

    [Theory]
    [InlineData("deploy staging", "deploy", "staging", false)]
    [InlineData("check prod status", "healthcheck", "prod", false)]
    [InlineData("deploy api to prod", "deploy", "prod", true)]
    public async Task Should_accept_a_complete_card_as_a_run_request_as_is(string text, string template, string environment, bool requiresApproval)
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");
        var card = await Parse(alice, text);
        Assert.Empty(card.GetProperty("missing").EnumerateArray());

        var run = await alice.Submit(new
        {
            template = card.GetProperty("template"),
            @params = card.GetProperty("params"),
            environment = card.GetProperty("environment"),
            lane = card.GetProperty("lane"),
        });

        Assert.Equal((template, environment, card.GetProperty("lane").GetString(), requiresApproval, RunStatuses.Queued),
            (run.Template, run.Environment, run.Lane, run.RequiresApproval, run.Status));
        Assert.Equal(card.GetProperty("requiresApproval").GetBoolean(), run.RequiresApproval);
    }

    private static async Task<JsonElement> Parse(ApiClient client, string text)
    {
        using var response = await client.Post("/api/intents/parse", new { text });
        await ApiClient.Expect(response, HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
    }
}

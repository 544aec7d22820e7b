using System.Net;
using System.Net.Http.Json;
using OpsBus.Orchestrator.Specs;

namespace OpsBus.Api.Tests;

public sealed class When_operators_write_spec_documents
{
    private const string Prd = "/api/spec-docs/deploy-freeze/prd";

    [Fact]
    public async Task Should_add_a_version_for_each_change_only_and_keep_who_wrote_each()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");
        var bob = api.As("bob:approver");

        using var created = await alice.Send(HttpMethod.Put, Prd, new { title = "Deploy freeze — PRD", content = "# PRD\n\nFirst.\n" });
        await ApiClient.Expect(created, HttpStatusCode.Created);
        Assert.Equal(Prd, created.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        using var unchanged = await bob.Send(HttpMethod.Put, Prd, new { title = "Deploy freeze — PRD", content = "# PRD\n\nFirst.\n" });
        Assert.Equal(1, (await Read<SpecDocView>(unchanged)).Version);
        using var changed = await bob.Send(HttpMethod.Put, Prd, new { title = "Deploy freeze — PRD", content = "# PRD\n\nSecond.\n" });
        Assert.Equal(2, (await Read<SpecDocView>(changed)).Version);

        var document = await alice.Get<SpecDocView>(Prd);
        Assert.Equal(("deploy-freeze/prd", "# PRD\n\nSecond.\n", 2, "alice", "bob"),
            (document.Slug, document.Content, document.Version, document.CreatedBy, document.UpdatedBy));
        var versions = await alice.Get<SpecDocVersionList>($"{Prd}/versions");
        Assert.Equal([(2, "bob"), (1, "alice")], versions.Items.Select(v => (v.Version, v.CreatedBy)));
        Assert.Equal("# PRD\n\nFirst.\n", (await alice.Get<SpecDocVersionView>($"{Prd}/versions/1")).Content);
        await ApiClient.ExpectProblem(await alice.Get($"{Prd}/versions/3"), HttpStatusCode.NotFound);
        await ApiClient.ExpectProblem(await alice.Get("/api/spec-docs/deploy-freeze/plan"), HttpStatusCode.NotFound);
        await ApiClient.ExpectProblem(await alice.Get("/api/spec-docs/deploy-freeze/plan/versions"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Should_list_the_latest_of_each_document_under_a_prefix()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");
        foreach (var slug in new[] { "deploy-freeze/prd", "deploy-freeze/plan", "glossary", "billing/prd" })
            (await alice.Send(HttpMethod.Put, $"/api/spec-docs/{slug}", new { title = slug, content = "text" })).Dispose();

        var all = await alice.Get<SpecDocList>("/api/spec-docs");
        var feature = await alice.Get<SpecDocList>("/api/spec-docs?prefix=deploy-freeze/");

        Assert.Equal(["billing/prd", "deploy-freeze/plan", "deploy-freeze/prd", "glossary"], all.Items.Select(d => d.Slug));
        Assert.Equal(["deploy-freeze/plan", "deploy-freeze/prd"], feature.Items.Select(d => d.Slug));
        Assert.Empty((await alice.Get<SpecDocList>("/api/spec-docs?prefix=nothing")).Items);
    }

    [Fact]
    public async Task Should_answer_412_when_If_Match_names_another_version()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");
        await ApiClient.ExpectProblem(await alice.Send(HttpMethod.Put, Prd, new { title = "PRD", content = "v1" }, ifMatch: "\"1\""), HttpStatusCode.PreconditionFailed);
        (await alice.Send(HttpMethod.Put, Prd, new { title = "PRD", content = "v1" })).Dispose();
        (await alice.Send(HttpMethod.Put, Prd, new { title = "PRD", content = "v2" })).Dispose();

        await ApiClient.ExpectProblem(await alice.Send(HttpMethod.Put, Prd, new { title = "PRD", content = "stale" }, ifMatch: "\"1\""), HttpStatusCode.PreconditionFailed);
        using var current = await alice.Send(HttpMethod.Put, Prd, new { title = "PRD", content = "v3" }, ifMatch: "\"2\"");
        Assert.Equal(["If-Match"], await ApiClient.ExpectInvalidFields(await alice.Send(HttpMethod.Put, Prd, new { title = "PRD", content = "x" }, ifMatch: "two")));

        Assert.Equal((3, "v3"), ((await Read<SpecDocView>(current)).Version, (await alice.Get<SpecDocView>(Prd)).Content));
        Assert.Equal(3, (await alice.Get<SpecDocVersionList>($"{Prd}/versions")).Items.Count);
    }

    [Theory]
    [InlineData("Deploy-Freeze/prd", "slug")]
    [InlineData("a/b/c", "slug")]
    [InlineData("deploy--freeze/prd", "slug")]
    [InlineData("deploy-freeze/versions", "slug")]
    [InlineData("deploy-freeze/prd.md", "slug")]
    [InlineData("deploy-freeze/empty-title", "title")]
    [InlineData("deploy-freeze/no-content", "content")]
    [InlineData("deploy-freeze/too-large", "content")]
    public async Task Should_answer_400_naming_the_field_at_fault(string slug, string field)
    {
        await using var api = await ApiHost.StartAsync();
        object body = slug switch
        {
            "deploy-freeze/empty-title" => new { title = " ", content = "text" },
            "deploy-freeze/no-content" => new { title = "No content" },
            "deploy-freeze/too-large" => new { title = "Too large", content = new string('x', SpecDocSlugs.MaxContentBytes + 1) },
            _ => new { title = "Fine", content = "text" },
        };

        using var response = await api.As("alice:operator").Send(HttpMethod.Put, $"/api/spec-docs/{slug}", body);

        Assert.Equal([field], await ApiClient.ExpectInvalidFields(response));
        Assert.Empty((await api.As("alice:operator").Get<SpecDocList>("/api/spec-docs")).Items);
    }

    [Fact]
    public async Task Should_let_auditors_read_but_only_operators_and_up_write()
    {
        await using var api = await ApiHost.StartAsync();
        (await api.As("alice:operator").Send(HttpMethod.Put, Prd, new { title = "PRD", content = "text" })).Dispose();

        await ApiClient.ExpectProblem(await api.As("audrey:auditor").Send(HttpMethod.Put, Prd, new { title = "PRD", content = "mine" }), HttpStatusCode.Forbidden);
        using var anonymous = await api.As(null).Get(Prd);

        Assert.Equal("text", (await api.As("audrey:auditor").Get<SpecDocView>(Prd)).Content);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var admin = await api.As("root:admin").Send(HttpMethod.Put, Prd, new { title = "PRD", content = "by admin" });
        Assert.Equal(2, (await Read<SpecDocView>(admin)).Version);
    }

    private static async Task<T> Read<T>(HttpResponseMessage response)
    {
        await ApiClient.Expect(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<T>(ApiClient.Json))!;
    }
}

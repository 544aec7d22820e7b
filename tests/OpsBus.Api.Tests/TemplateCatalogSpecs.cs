using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpsBus.Runbooks.Catalog;
using OpsBus.Runbooks.Templates;

namespace OpsBus.Api.Tests;

public sealed class When_the_orchestrator_starts
{
    [Fact]
    public async Task Should_list_every_shipped_template_at_version_one_by_slug()
    {
        await using var api = await ApiHost.StartAsync();

        var list = await api.As("carol:auditor").Get<JsonElement>("/api/templates");

        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(ShippedTemplates.All.Select(t => t.Slug), items.Select(i => i.GetProperty("slug").GetString()));
        var deploy = items.Single(i => i.GetProperty("slug").GetString() == "deploy");
        Assert.Equal(("Deploy a service", "B", "write", 1), (deploy.GetProperty("title").GetString(), deploy.GetProperty("defaultLane").GetString(),
            deploy.GetProperty("risk").GetString(), deploy.GetProperty("version").GetInt32()));
        Assert.Equal(["dev", "staging", "preview", "prod"], deploy.GetProperty("environments").EnumerateArray().Select(e => e.GetString()));
        Assert.True(deploy.TryGetProperty("updatedAt", out _));
    }

    [Fact]
    public async Task Should_not_install_them_twice_nor_overwrite_an_edit_when_restarted()
    {
        var directory = Directory.CreateTempSubdirectory("opsbus-api-restart-").FullName;
        try
        {
            await using (var first = await ApiHost.StartAsync(null, sqliteDirectory: directory))
            {
                var hello = await first.As("root:admin").Get<JsonElement>("/api/templates/hello");
                var edited = JsonSerializer.Deserialize<RunbookTemplate>(hello, TemplateJson.Options)! with { Title = "Hello, edited" };
                using var put = await first.As("root:admin").Send(HttpMethod.Put, "/api/templates/hello", edited);
                await ApiClient.Expect(put, HttpStatusCode.OK);
            }

            await using var second = await ApiHost.StartAsync(null, sqliteDirectory: directory);
            var counts = await second.Query(db => Task.FromResult((db.Templates.Count(), db.TemplateVersions.Count())));
            var again = await second.As("root:admin").Get<JsonElement>("/api/templates/hello");

            Assert.Equal((ShippedTemplates.All.Count, ShippedTemplates.All.Count + 1), counts);
            Assert.Equal(("Hello, edited", 2), (again.GetProperty("title").GetString(), again.GetProperty("version").GetInt32()));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}

public sealed class When_an_upgrade_ships_a_changed_template
{
    [Fact]
    public async Task Should_add_it_as_the_next_version_unless_an_operator_edited_it()
    {
        var directory = Directory.CreateTempSubdirectory("opsbus-api-upgrade-").FullName;
        try
        {
            await using (var older = await ApiHost.StartAsync(null, sqliteDirectory: directory))
            {
                // What an older release shipped: the echo-only spec-kit-generate, and a hello an admin then edited.
                var echoOnly = ShippedTemplates.Find("spec-kit-generate")! with { Title = "Spec Kit documents (listed only)" };
                var earlierHello = ShippedTemplates.Find("hello")! with { Description = "An earlier greeting." };
                await older.Query(async db =>
                {
                    foreach (var template in new[] { echoOnly, earlierHello })
                    {
                        var version = await db.TemplateVersions.SingleAsync(v => v.Slug == template.Slug && v.Version == 1);
                        version.Definition = JsonSerializer.Serialize(template, TemplateJson.Options);
                    }
                    return await db.SaveChangesAsync();
                });
                using var edit = await older.As("root:admin").Send(HttpMethod.Put, "/api/templates/hello", earlierHello with { Title = "Hello, edited" });
                await ApiClient.Expect(edit, HttpStatusCode.OK);
            }

            await using var upgraded = await ApiHost.StartAsync(null, sqliteDirectory: directory);
            var admin = upgraded.As("root:admin");
            var spec = await admin.Get<JsonElement>("/api/templates/spec-kit-generate");
            var hello = await admin.Get<JsonElement>("/api/templates/hello");
            var versions = await admin.Get<JsonElement>("/api/templates/spec-kit-generate/versions");

            Assert.Equal((2, ShippedTemplates.Find("spec-kit-generate")!.Title), (spec.GetProperty("version").GetInt32(), spec.GetProperty("title").GetString()));
            Assert.All(versions.GetProperty("items").EnumerateArray(), v => Assert.Equal("opsbus", v.GetProperty("createdBy").GetString()));
            Assert.Equal((2, "Hello, edited"), (hello.GetProperty("version").GetInt32(), hello.GetProperty("title").GetString()));
            Assert.Equal(1, (await admin.Get<JsonElement>("/api/templates/deploy")).GetProperty("version").GetInt32());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}

public sealed class When_an_admin_edits_a_template
{
    [Fact]
    public async Task Should_create_version_one_then_version_two_and_keep_version_one_readable()
    {
        await using var api = await ApiHost.StartAsync();
        var admin = api.As("root:admin");

        using var created = await admin.Post("/api/templates", TemplateRequests.Greeter(title: "Greeter v1"));
        await ApiClient.Expect(created, HttpStatusCode.Created);
        Assert.Equal("/api/templates/greeter", created.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((1, "Greeter v1"), (body.GetProperty("version").GetInt32(), body.GetProperty("title").GetString()));

        using var updated = await admin.Send(HttpMethod.Put, "/api/templates/greeter", TemplateRequests.Greeter(title: "Greeter v2"));
        await ApiClient.Expect(updated, HttpStatusCode.OK);
        Assert.Equal(2, (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());

        var current = await admin.Get<JsonElement>("/api/templates/greeter");
        var first = await admin.Get<JsonElement>("/api/templates/greeter/versions/1");
        var versions = await admin.Get<JsonElement>("/api/templates/greeter/versions");
        Assert.Equal(("Greeter v2", 2), (current.GetProperty("title").GetString(), current.GetProperty("version").GetInt32()));
        Assert.Equal(("Greeter v1", 1), (first.GetProperty("title").GetString(), first.GetProperty("version").GetInt32()));
        Assert.Equal([(1, "root"), (2, "root")], versions.GetProperty("items").EnumerateArray()
            .Select(v => (v.GetProperty("version").GetInt32(), v.GetProperty("createdBy").GetString())));
        var listed = (await admin.Get<JsonElement>("/api/templates")).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("slug").GetString() == "greeter");
        Assert.Equal(2, listed.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Should_keep_the_version_when_nothing_changed()
    {
        await using var api = await ApiHost.StartAsync();
        var admin = api.As("root:admin");
        using var created = await admin.Post("/api/templates", TemplateRequests.Greeter());

        using var same = await admin.Send(HttpMethod.Put, "/api/templates/greeter", TemplateRequests.Greeter());

        await ApiClient.Expect(same, HttpStatusCode.OK);
        Assert.Equal(1, (await same.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Should_answer_409_for_a_slug_that_exists_and_404_for_one_that_does_not()
    {
        await using var api = await ApiHost.StartAsync();
        var admin = api.As("root:admin");

        using var existing = await admin.Post("/api/templates", TemplateRequests.Greeter(slug: "hello"));
        using var unknown = await admin.Send(HttpMethod.Put, "/api/templates/nope", TemplateRequests.Greeter(slug: "nope"));
        using var unknownRead = await admin.Get("/api/templates/nope");
        using var unknownVersion = await admin.Get("/api/templates/hello/versions/7");
        using var unknownVersions = await admin.Get("/api/templates/nope/versions");

        await ApiClient.ExpectProblem(existing, HttpStatusCode.Conflict);
        await ApiClient.ExpectProblem(unknown, HttpStatusCode.NotFound);
        await ApiClient.ExpectProblem(unknownRead, HttpStatusCode.NotFound);
        await ApiClient.ExpectProblem(unknownVersion, HttpStatusCode.NotFound);
        await ApiClient.ExpectProblem(unknownVersions, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Should_refuse_with_412_an_edit_made_from_an_older_version()
    {
        await using var api = await ApiHost.StartAsync();
        var admin = api.As("root:admin");
        using var created = await admin.Post("/api/templates", TemplateRequests.Greeter());
        using var first = await admin.Send(HttpMethod.Put, "/api/templates/greeter", TemplateRequests.Greeter(title: "First"), ifMatch: "\"1\"");

        using var stale = await admin.Send(HttpMethod.Put, "/api/templates/greeter", TemplateRequests.Greeter(title: "Stale"), ifMatch: "\"1\"");
        using var garbled = await admin.Send(HttpMethod.Put, "/api/templates/greeter", TemplateRequests.Greeter(title: "Stale"), ifMatch: "one");

        await ApiClient.Expect(first, HttpStatusCode.OK);
        await ApiClient.ExpectProblem(stale, HttpStatusCode.PreconditionFailed);
        Assert.Equal(["If-Match"], await ApiClient.ExpectInvalidFields(garbled));
        Assert.Equal("First", (await admin.Get<JsonElement>("/api/templates/greeter")).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Should_let_exactly_one_of_two_racing_edits_win()
    {
        await using var api = await ApiHost.StartAsync();
        var admin = api.As("root:admin");
        using var created = await admin.Post("/api/templates", TemplateRequests.Greeter());

        var racing = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            admin.Send(HttpMethod.Put, "/api/templates/greeter", TemplateRequests.Greeter(title: $"Edit {i}"), ifMatch: "\"1\"")));

        var statuses = racing.Select(r => r.StatusCode).ToList();
        Assert.Single(statuses, HttpStatusCode.OK);
        Assert.All(statuses.Where(s => s != HttpStatusCode.OK), s => Assert.Contains(s, new[] { HttpStatusCode.Conflict, HttpStatusCode.PreconditionFailed }));
        Assert.Equal(2, (await admin.Get<JsonElement>("/api/templates/greeter")).GetProperty("version").GetInt32());
        foreach (var response in racing)
            response.Dispose();
    }
}

public sealed class When_a_template_travels_as_yaml
{
    [Fact]
    public async Task Should_import_export_and_import_again_to_the_same_template()
    {
        await using var api = await ApiHost.StartAsync();
        var admin = api.As("root:admin");
        var yaml = TemplateYaml.Serialize(ShippedTemplates.Find("deploy")! with { Slug = "deploy-copy", Title = "Deploy (copy)" });

        using var imported = await admin.SendYaml(HttpMethod.Post, "/api/templates", yaml);
        await ApiClient.Expect(imported, HttpStatusCode.Created);
        var exported = await admin.GetYaml("/api/templates/deploy-copy");
        var exportedV1 = await admin.GetYaml("/api/templates/deploy-copy/versions/1");
        using var reimported = await admin.SendYaml(HttpMethod.Put, "/api/templates/deploy-copy", exported.Replace("Deploy (copy)", "Deploy (copy 2)"));
        await ApiClient.Expect(reimported, HttpStatusCode.OK);

        Assert.True(TemplateJson.AreEquivalent(TemplateYaml.Parse(yaml), TemplateYaml.Parse(exported)));
        Assert.Equal(exported, exportedV1);
        var asJson = JsonSerializer.Deserialize<RunbookTemplate>(await admin.Get<JsonElement>("/api/templates/deploy-copy"), TemplateJson.Options)!;
        Assert.True(TemplateJson.AreEquivalent(TemplateYaml.Parse(yaml) with { Title = "Deploy (copy 2)" }, asJson));
    }
}

using System.Net.Http.Headers;
using System.Text.Json;
using OpsBus.Contracts;
using OpsBus.Runbooks.Templates;
using OpsBus.Testing;

namespace OpsBus.Cli.Tests;

[Collection(EmbeddedOpsBusCollection.Name)]
public sealed class When_runs_are_listed_as_json(EmbeddedOpsBus opsbus)
{
    [Fact]
    public async Task Should_print_the_apis_run_page_and_nothing_else()
    {
        var first = (await opsbus.Run("run", "hello", "--json")).Json().GetProperty("id").GetString();
        var second = (await opsbus.Run("run", "hello", "-p", "name=again", "--json")).Json().GetProperty("id").GetString();
        await Listed(opsbus, first!);
        await Listed(opsbus, second!);

        var all = await opsbus.Run("runs", "ls", "--template", "hello", "--json");
        var page = await opsbus.Run("runs", "ls", "--limit", "1", "--json");

        Assert.True(all.ExitCode == ExitCodes.Success, all.ToString());
        var items = all.Json().GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, run => run.GetProperty("id").GetString() == first);
        Assert.Contains(items, run => run.GetProperty("id").GetString() == second);
        Assert.All(items, run =>
        {
            Assert.Equal("hello", run.GetProperty("template").GetString());
            Assert.Equal(JsonValueKind.String, run.GetProperty("status").ValueKind);
            Assert.Equal(JsonValueKind.Array, run.GetProperty("steps").ValueKind);
            Assert.Equal("A", run.GetProperty("lane").GetString());
        });
        var limited = page.Json();
        Assert.Single(limited.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.String, limited.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task Should_show_a_table_for_people()
    {
        var id = (await opsbus.Run("run", "hello", "--json")).Json().GetProperty("id").GetString()!;
        await Listed(opsbus, id);

        var table = await opsbus.Run("runs", "ls", "--search", id[..8]);

        Assert.True(table.ExitCode == ExitCodes.Success, table.ToString());
        Assert.Contains(id, table.Out);
        Assert.Contains("Template", table.Out);
    }

    /// <summary>The list shows runs its saga has stored, a moment after they are accepted.</summary>
    private static Task Listed(EmbeddedOpsBus opsbus, string runId) =>
        Eventually.True(async () => (await opsbus.Run("runs", "ls", "--search", runId, "--json")).Json().GetProperty("items").GetArrayLength() == 1,
            TimeSpan.FromSeconds(15), $"run {runId} to be listed", TimeSpan.FromMilliseconds(100));
}

[Collection(EmbeddedOpsBusCollection.Name)]
public sealed class When_a_template_is_applied_and_exported(EmbeddedOpsBus opsbus)
{
    [Fact]
    public async Task Should_create_then_version_it_and_export_the_same_template()
    {
        var slug = TemplateFiles.UniqueSlug("greets");
        var file = TemplateFiles.Write(opsbus.DataDirectory, $"{slug}.yaml", TemplateFiles.Greeting(slug, "Greets"));

        var created = await opsbus.Run("templates", "apply", "-f", file);
        var exported = await opsbus.Run("templates", "export", slug);
        var edited = TemplateFiles.Write(opsbus.DataDirectory, $"{slug}-2.yaml", TemplateFiles.Greeting(slug, "Greets warmly"));
        var updated = await opsbus.Run("templates", "apply", "-f", edited, "--json");
        var first = await opsbus.Run("templates", "export", slug, "--version", "1");

        Assert.True(created.ExitCode == ExitCodes.Success, created.ToString());
        Assert.Contains("created: version 1", created.Out);
        Assert.True(exported.ExitCode == ExitCodes.Success, exported.ToString());
        Assert.Equal(TemplateYaml.Parse(File.ReadAllText(file)), TemplateYaml.Parse(exported.Out), TemplateEquality.Instance);
        Assert.Equal(2, updated.Json().GetProperty("version").GetInt32());
        Assert.Equal("Greets warmly", updated.Json().GetProperty("title").GetString());
        Assert.Equal("Greets", TemplateYaml.Parse(first.Out).Title);
    }

    [Fact]
    public async Task Should_type_parameters_as_the_template_declares_them()
    {
        var slug = TemplateFiles.UniqueSlug("typed");
        var file = TemplateFiles.Write(opsbus.DataDirectory, $"{slug}.yaml", TemplateFiles.Greeting(slug, "Typed"));
        Assert.Equal(ExitCodes.Success, (await opsbus.Run("templates", "apply", "-f", file)).ExitCode);

        var accepted = await opsbus.Run("run", slug, "-p", "name=42", "-p", "times=3", "--json");
        var refused = await opsbus.Run("run", slug, "-p", "times=many");

        Assert.True(accepted.ExitCode == ExitCodes.Success, accepted.ToString());
        var parameters = accepted.Json().GetProperty("parameters");
        Assert.Equal("42", parameters.GetProperty("name").GetString());
        Assert.Equal("3", parameters.GetProperty("times").GetString());
        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Contains("'many' is not", refused.Error);
    }

    private sealed class TemplateEquality : IEqualityComparer<RunbookTemplate>
    {
        public static readonly TemplateEquality Instance = new();

        public bool Equals(RunbookTemplate? x, RunbookTemplate? y) =>
            x is not null && y is not null && TemplateJson.Canonical(TemplateJson.ToElement(x)) == TemplateJson.Canonical(TemplateJson.ToElement(y));

        public int GetHashCode(RunbookTemplate obj) => obj.Slug.GetHashCode(StringComparison.Ordinal);
    }
}

[Collection(EmbeddedOpsBusCollection.Name)]
public sealed class When_an_operator_says_what_to_do(EmbeddedOpsBus opsbus)
{
    [Fact]
    public async Task Should_run_the_plan_card_when_confirmed_with_yes()
    {
        var result = await opsbus.Run("do", "check staging health", "--yes", "--json");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var run = result.Json();
        Assert.Equal("healthcheck", run.GetProperty("template").GetString());
        Assert.Equal("staging", run.GetProperty("environment").GetString());
    }

    [Fact]
    public async Task Should_show_the_plan_and_refuse_to_run_without_anyone_to_confirm()
    {
        var result = await opsbus.Run("do", "check staging health");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("healthcheck", result.Out);
        Assert.Contains("staging", result.Out);
        Assert.Contains("--yes", result.Error);
    }

    [Fact]
    public async Task Should_answer_a_sentence_it_does_not_understand_with_suggestions_and_exit_2()
    {
        var result = await opsbus.Run("do", "paint the bikeshed purple", "--yes");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("Not understood", result.Error);
    }
}

[Collection(EmbeddedOpsBusCollection.Name)]
public sealed class When_the_input_is_bad(EmbeddedOpsBus opsbus)
{
    [Fact]
    public async Task Should_exit_2_with_the_problems_message()
    {
        var environment = await opsbus.Run("run", "healthcheck", "--env", "nowhere");
        var status = await opsbus.Run("runs", "ls", "--status", "bogus");
        var pair = await opsbus.Run("run", "hello", "-p", "name");
        var option = await opsbus.Run("runs", "ls", "--frobnicate");

        Assert.Equal(ExitCodes.Usage, environment.ExitCode);
        Assert.Contains("nowhere", environment.Error);
        Assert.Equal(ExitCodes.Usage, status.ExitCode);
        Assert.Contains("Unknown status 'bogus'", status.Error);
        Assert.Equal(ExitCodes.Usage, pair.ExitCode);
        Assert.Contains("'name' is not key=value", pair.Error);
        Assert.Equal(ExitCodes.Usage, option.ExitCode);
        Assert.All([environment, status, pair, option], r => Assert.Equal("", r.Out));
    }

    [Fact]
    public async Task Should_exit_1_in_one_line_for_an_unknown_run_a_refused_key_and_a_server_that_is_down()
    {
        var missing = await opsbus.Run("runs", "show", Guid.NewGuid().ToString());
        var refused = await Cli.RunAsync(new Dictionary<string, string>(opsbus.Environment) { ["OPSBUS_API_KEY"] = "opsbus_wrong_0123456789abcdefghij" }, ["runs", "ls"]);
        var down = await Cli.RunAsync(opsbus.Environment, ["runs", "ls", "--url", "http://127.0.0.1:1"]);

        Assert.Equal(ExitCodes.Failure, missing.ExitCode);
        Assert.Contains("No run", missing.Error);
        Assert.Equal(ExitCodes.Failure, refused.ExitCode);
        Assert.Contains("The API key was refused", refused.Error);
        Assert.DoesNotContain("opsbus_wrong", refused.Error);
        Assert.Equal(ExitCodes.Failure, down.ExitCode);
        Assert.Contains("Cannot reach OpsBus at http://127.0.0.1:1/", down.Error);
        Assert.All([missing, refused, down], r => Assert.Single(r.Error.Trim().Split('\n')));
    }
}

[Collection(EmbeddedOpsBusCollection.Name)]
public sealed class When_a_run_has_an_artifact(EmbeddedOpsBus opsbus)
{
    [Fact]
    public async Task Should_list_it_and_download_its_content()
    {
        var runId = (await opsbus.Run("run", "hello", "--json")).Json().GetProperty("id").GetString()!;
        var report = "# Report\nall good\n"u8.ToArray();
        using var http = new HttpClient { BaseAddress = new Uri(opsbus.Url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EmbeddedOpsBus.AdminKey);
        await Eventually.True(async () =>
        {
            using var content = new ByteArrayContent(report);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/markdown");
            using var response = await http.PostAsync($"/api/runs/{runId}/artifacts?name=report.md&kind=markdown", content);
            return response.IsSuccessStatusCode;
        }, TimeSpan.FromSeconds(15), "the upload to be accepted", TimeSpan.FromMilliseconds(100));

        var list = await opsbus.Run("artifacts", "ls", runId, "--json");
        var artifact = Assert.Single(list.Json().EnumerateArray());
        Assert.Equal("report.md", artifact.GetProperty("name").GetString());
        Assert.Equal("markdown", artifact.GetProperty("kind").GetString());
        var target = Path.Combine(opsbus.DataDirectory, $"{runId}-report.md");
        var get = await opsbus.Run("artifacts", "get", artifact.GetProperty("id").GetString()!, "-o", target);

        Assert.True(get.ExitCode == ExitCodes.Success, get.ToString());
        Assert.Equal(report, await File.ReadAllBytesAsync(target));
        Assert.Contains("Saved report.md", get.Out);
    }
}

using System.Text.Json;
using static OpsBus.LaneWorker.Tests.Adapters.GitHubFake;

namespace OpsBus.LaneWorker.Tests.Adapters;

public sealed class When_a_plan_opens_a_pull_request
{
    [Fact]
    public async Task Should_commit_the_files_on_a_new_branch_from_the_default_branch_and_open_the_pull_request()
    {
        await using var github = await GitHubFake.StartAsync();
        await using var rig = github.Rig();

        var run = (await rig.Run("github.pr.open",
            ("repository", $"{Owner}/{Repo}"), ("branch", "opsbus/bump-1"), ("title", "Bump the version"), ("body", "Automated."),
            ("files", new Dictionary<string, string> { ["VERSION"] = "1.2.3\n", ["docs/CHANGES.md"] = "- bump\n" }))).Succeeded();

        Assert.Equal($"https://github.example/{Owner}/{Repo}/pull/{PullNumber}", run.Outputs["url"]);
        Assert.Equal("42", run.Outputs["number"]);
        Assert.Equal("opsbus/bump-1", run.Outputs["branch"]);
        Assert.Equal(NewCommit, run.Outputs["commit"]);

        var tree = github.Posted("/git/trees");
        Assert.Equal(HeadTree, tree.GetProperty("base_tree").GetString());
        var items = tree.GetProperty("tree").EnumerateArray().ToDictionary(i => i.GetProperty("path").GetString()!, i => i.GetProperty("content").GetString());
        Assert.Equal("1.2.3\n", items["VERSION"]);
        Assert.Equal("- bump\n", items["docs/CHANGES.md"]);
        var commit = github.Posted("/git/commits");
        Assert.Equal([HeadSha], commit.GetProperty("parents").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("refs/heads/opsbus/bump-1", github.CreatedRef);
        var pull = github.Posted("/pulls");
        Assert.Equal("opsbus/bump-1", pull.GetProperty("head").GetString());
        Assert.Equal("main", pull.GetProperty("base").GetString());
        Assert.Equal("Automated.", pull.GetProperty("body").GetString());
    }

    [Fact]
    public async Task Should_fail_for_good_when_the_base_branch_does_not_exist()
    {
        await using var github = await GitHubFake.StartAsync();
        await using var rig = github.Rig();

        var failure = (await rig.Run("github.pr.open", ("repository", $"{Owner}/{Repo}"), ("base", "release"), ("branch", "fix"),
            ("title", "Fix"), ("files", new Dictionary<string, string> { ["a.txt"] = "a" }))).Failed;

        Assert.False(failure.Retryable);
        Assert.Contains("reading branch 'release'", failure.Message);
        Assert.Contains("404", failure.Message);
        Assert.Empty(github.Server.RequestsTo("/pulls"));
    }

    [Theory]
    [InlineData("repository", "not-a-repo", "'owner/name'")]
    [InlineData("branch", "bad branch", "not a valid branch name")]
    [InlineData("files", "{}", "at least one file")]
    public async Task Should_refuse_bad_inputs_before_calling_github(string input, string value, string expected)
    {
        await using var github = await GitHubFake.StartAsync();
        await using var rig = github.Rig();
        var inputs = new Dictionary<string, object>
        {
            ["repository"] = $"{Owner}/{Repo}", ["branch"] = "b", ["title"] = "t", ["files"] = new Dictionary<string, string> { ["a.txt"] = "a" },
        };
        inputs[input] = input == "files" ? JsonDocument.Parse(value).RootElement : value;

        var failure = (await rig.Run("github.pr.open", inputs.Select(i => (i.Key, i.Value)).ToArray())).Failed;

        Assert.False(failure.Retryable);
        Assert.Contains(expected, failure.Message);
        Assert.Empty(github.Server.Requests);
    }
}

public sealed class When_a_plan_sets_a_commit_status
{
    [Fact]
    public async Task Should_post_the_status_and_report_it()
    {
        await using var github = await GitHubFake.StartAsync();
        await using var rig = github.Rig(settings: new Dictionary<string, string?> { ["LaneWorker:GitHub:DefaultRepository"] = $"{Owner}/{Repo}" });

        var run = (await rig.Run("github.status.set", ("sha", HeadSha), ("state", "success"), ("context", "opsbus/verify"),
            ("description", "all green"), ("targetUrl", "https://opsbus.example/runs/1"))).Succeeded();

        Assert.Equal("success", run.Outputs["state"]);
        Assert.Equal("opsbus/verify", run.Outputs["context"]);
        Assert.Equal("5", run.Outputs["id"]);
        var body = github.Posted($"/statuses/{HeadSha}");
        Assert.Equal("success", body.GetProperty("state").GetString());
        Assert.Equal("all green", body.GetProperty("description").GetString());
        Assert.Equal("https://opsbus.example/runs/1", body.GetProperty("target_url").GetString());
    }

    [Fact]
    public async Task Should_refuse_an_unknown_state()
    {
        await using var github = await GitHubFake.StartAsync();
        await using var rig = github.Rig();

        var failure = (await rig.Run("github.status.set", ("repository", $"{Owner}/{Repo}"), ("sha", HeadSha), ("state", "green"))).Failed;

        Assert.False(failure.Retryable);
        Assert.Contains("pending, success, failure or error", failure.Message);
    }
}

public sealed class When_the_github_api_misbehaves : VendorFaultSpecs
{
    private protected override async Task<VendorFake> StartFake() => await GitHubFake.StartAsync();

    private protected override (string Action, (string Name, object Value)[] Inputs) Probe =>
        ("github.status.set", [("repository", $"{Owner}/{Repo}"), ("sha", HeadSha), ("state", "pending")]);

    private protected override string ProbePath => "/statuses/";
}

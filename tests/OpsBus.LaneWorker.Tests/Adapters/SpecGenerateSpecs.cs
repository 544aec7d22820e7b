using System.Text;
using OpsBus.Contracts;
using OpsBus.LaneWorker.Artifacts;
using OpsBus.Runbooks.SpecKit;
using static OpsBus.LaneWorker.Tests.Adapters.GitHubFake;

namespace OpsBus.LaneWorker.Tests.Adapters;

public sealed class When_a_plan_generates_a_spec_kit
{
    private static readonly SpecKitRequest Request = new(
        "Deploy freeze", "Deploys during a freeze window break releases.", ["Block deploys in a freeze window", "Let an approver override"], ["No change to the deploy API"]);

    private static readonly string[] Files = ["constitution.md", "prd.md", "plan.md", "tasks.md"];

    [Fact]
    public async Task Should_attach_the_four_documents_publish_them_and_open_a_pull_request_with_them()
    {
        await using var github = await GitHubFake.StartAsync();
        await using var rig = github.Rig();

        var run = (await rig.Run("spec.generate",
            ("feature", Request.Feature), ("summary", Request.Summary), ("goals", string.Join("\n", Request.Goals)), ("constraints", Request.Constraints[0]),
            ("repository", $"{Owner}/{Repo}"))).Succeeded();

        var expected = SpecKitGenerator.Generate(Request);
        var documents = run.Artifacts.Where(a => a.Artifact.Kind == ArtifactKind.Markdown).ToList();
        Assert.Equal(Files.Select(f => $"spec/deploy-freeze/{f}"), documents.Select(a => a.Artifact.Name));
        Assert.Equal(expected.Select(d => d.Content), documents.Select(a => Encoding.UTF8.GetString(a.Content)));
        Assert.Empty(SpecKitValidator.Validate(expected));

        var generated = Assert.IsType<SpecDocumentsGenerated>(Assert.Single(run.Published));
        Assert.Equal(("deploy-freeze", $"run:{generated.RunId}"), (generated.Feature, generated.GeneratedBy));
        Assert.Equal(Files, generated.Documents.Select(d => d.File));
        Assert.Equal("Deploy freeze — product requirements", generated.Documents.Single(d => d.File == "prd.md").Title);
        Assert.Equal(expected.Select(d => d.Content), generated.Documents.Select(d => d.Content));

        var tree = github.Posted("/git/trees").GetProperty("tree").EnumerateArray()
            .ToDictionary(i => i.GetProperty("path").GetString()!, i => i.GetProperty("content").GetString());
        Assert.Equal(expected.ToDictionary(d => $"spec/deploy-freeze/{d.FileName}", d => (string?)d.Content), tree);
        Assert.Equal("refs/heads/spec-kit/deploy-freeze", github.CreatedRef);
        var pull = github.Posted("/pulls");
        Assert.Equal(("Spec Kit: Deploy freeze", "spec-kit/deploy-freeze", "main"),
            (pull.GetProperty("title").GetString(), pull.GetProperty("head").GetString(), pull.GetProperty("base").GetString()));
        Assert.All(Files, file => Assert.Contains($"spec/deploy-freeze/{file}", pull.GetProperty("body").GetString()));

        var url = $"https://github.example/{Owner}/{Repo}/pull/{PullNumber}";
        Assert.Equal(("spec/deploy-freeze", url, "spec-kit/deploy-freeze"), (run.Outputs["folder"], run.Outputs["pullRequestUrl"], run.Outputs["branch"]));
        Assert.Equal(url, run.Artifacts.Single(a => a.Artifact.Kind == "link").Artifact.Url);
    }

    [Fact]
    public async Task Should_take_goals_as_an_array_and_call_no_one_without_a_repository()
    {
        await using var github = await GitHubFake.StartAsync();
        await using var rig = github.Rig();

        var run = (await rig.Run("spec.generate",
            ("feature", Request.Feature), ("summary", Request.Summary), ("goals", Request.Goals), ("constraints", Request.Constraints),
            ("repository", ""))).Succeeded();

        Assert.Equal(SpecKitGenerator.Generate(Request).Select(d => d.Content), run.Artifacts.Select(a => Encoding.UTF8.GetString(a.Content)));
        Assert.Single(run.Published);
        Assert.Equal("spec/deploy-freeze", run.Outputs["folder"]);
        Assert.False(run.Outputs.ContainsKey("pullRequestUrl"));
        Assert.Empty(github.Server.Requests);
    }

    [Theory]
    [InlineData("goals", "", "At least one goal")]
    [InlineData("summary", " ", "A summary is required")]
    [InlineData("feature", "!!", "at least one letter or digit")]
    [InlineData("repository", "not-a-repo", "'owner/name'")]
    public async Task Should_fail_for_good_on_bad_inputs_before_attaching_or_publishing(string input, string value, string expected)
    {
        await using var github = await GitHubFake.StartAsync();
        await using var rig = github.Rig();
        var inputs = new Dictionary<string, object> { ["feature"] = Request.Feature, ["summary"] = Request.Summary, ["goals"] = "Block deploys" };
        inputs[input] = value;

        var run = await rig.Run("spec.generate", inputs.Select(i => (i.Key, i.Value)).ToArray());

        Assert.False(run.Failed.Retryable);
        Assert.Contains(expected, run.Failed.Message);
        Assert.Empty(run.Artifacts);
        Assert.Empty(run.Published);
        Assert.Empty(github.Server.Requests);
    }
}

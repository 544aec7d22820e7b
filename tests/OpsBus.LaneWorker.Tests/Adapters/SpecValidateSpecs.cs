using System.Text;
using OpsBus.LaneWorker.Actions.SpecKit;
using OpsBus.Runbooks.SpecKit;
using static OpsBus.LaneWorker.Tests.Adapters.GitHubFake;

namespace OpsBus.LaneWorker.Tests.Adapters;

public sealed class When_a_plan_validates_a_spec_kit
{
    private static readonly IReadOnlyList<SpecDocument> Documents = SpecKitGenerator.Generate(
        new SpecKitRequest("Deploy freeze", "Deploys during a freeze window break releases.", ["Block deploys in a freeze window"], []));

    [Fact]
    public async Task Should_report_a_missing_file_and_an_empty_section_in_the_repository_and_fail_for_good()
    {
        await using var github = await GitHubFake.StartAsync();
        foreach (var document in Documents.Where(d => d.FileName != "plan.md"))
            github.Files[$"spec/deploy-freeze/{document.FileName}"] = document.FileName == "prd.md" ? WithoutGoals(document.Content) : document.Content;
        github.Files["README.md"] = "# Shop\n";
        await using var rig = github.Rig();

        var run = await rig.Run("spec.validate", ("repository", $"{Owner}/{Repo}"), ("path", "spec/deploy-freeze"), ("ref", "spec-kit/deploy-freeze"));

        Assert.False(run.Failed.Retryable);
        Assert.Contains("2 problem(s)", run.Failed.Message);
        Assert.Equal("2", run.Outputs["problems"]);
        var warnings = run.Lines.Where(l => l.Level == "warn").Select(l => l.Message).ToList();
        Assert.Equal(["prd.md § Goals: The section is empty.", "plan.md: The file is missing."], warnings);
        var report = Encoding.UTF8.GetString(run.Artifacts.Single(a => a.Artifact.Name == SpecValidateAction.ReportName).Content);
        Assert.Contains("| prd.md | Goals | The section is empty. |", report);
        Assert.Contains("| plan.md | — | The file is missing. |", report);
        Assert.All(github.Server.RequestsTo("/contents/"), request => Assert.Contains("ref=spec-kit/deploy-freeze", Uri.UnescapeDataString(request.Query)));
        Assert.Equal(4, github.Server.RequestsTo("/contents/").Count);
    }

    [Fact]
    public async Task Should_pass_a_complete_folder_on_the_workers_disk()
    {
        var folder = Directory.CreateTempSubdirectory("opsbus-spec-").FullName;
        try
        {
            foreach (var document in Documents)
                await File.WriteAllTextAsync(Path.Combine(folder, document.FileName), document.Content);
            await using var github = await GitHubFake.StartAsync();
            await using var rig = github.Rig();

            var run = (await rig.Run("spec.validate", ("path", folder), ("repository", ""))).Succeeded();

            Assert.Equal("0", run.Outputs["problems"]);
            Assert.Contains("No problems", Encoding.UTF8.GetString(run.Artifacts.Single().Content));
            Assert.DoesNotContain(run.Lines, l => l.Level == "warn");
            Assert.Empty(github.Server.Requests);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Should_fail_for_good_when_the_folder_is_not_in_the_repository()
    {
        await using var github = await GitHubFake.StartAsync();
        await using var rig = github.Rig();

        var run = await rig.Run("spec.validate", ("repository", $"{Owner}/{Repo}"), ("path", "spec/nothing"));

        Assert.False(run.Failed.Retryable);
        Assert.Contains("404", run.Failed.Message);
    }

    private static string WithoutGoals(string prd)
    {
        var start = prd.IndexOf("## Goals\n", StringComparison.Ordinal) + "## Goals\n".Length;
        var end = prd.IndexOf("## Non-goals", StringComparison.Ordinal);
        return prd[..start] + "\n" + prd[end..];
    }
}

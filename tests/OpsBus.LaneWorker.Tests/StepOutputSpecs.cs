using System.Text.Json;
using OpsBus.Contracts;
using OpsBus.LaneWorker.Execution;

namespace OpsBus.LaneWorker.Tests;

public sealed class When_a_step_references_an_earlier_output
{
    [Fact]
    public async Task Should_receive_the_value_whole_or_interpolated_at_any_depth()
    {
        await using var worker = await LaneWorkerHarness.StartAsync();

        var runId = await worker.Execute(
            Steps.Step("deploy", RunPhases.Action, "test.outputs", ("url", "https://preview-42.example.com"), ("id", "dpl_42")),
            Steps.Step("check", RunPhases.Verify, "test.capture",
                ("url", "${{ steps.deploy.outputs.url }}"),
                ("nested", new
                {
                    note = "deployment ${{steps.deploy.outputs.id}} at ${{ steps.deploy.outputs.url }}/health",
                    list = new object[] { 1, "${{ steps.deploy.outputs.id }}", true },
                }),
                ("other", "${{ params.region }} stays as written")));

        await worker.WaitForPublished<RunSucceeded>(m => m.RunId == runId);
        var inputs = worker.Captured["check"];
        Assert.Equal("https://preview-42.example.com", inputs["url"].GetString());
        Assert.Equal("deployment dpl_42 at https://preview-42.example.com/health", inputs["nested"].GetProperty("note").GetString());
        Assert.Equal("""[1,"dpl_42",true]""", inputs["nested"].GetProperty("list").GetRawText());
        Assert.Equal("${{ params.region }} stays as written", inputs["other"].GetString());
        Assert.Contains(worker.LogLines(runId), l => l.Source == "deploy" && l.Level == "debug" && l.Message == "output id = dpl_42");
    }

    [Fact]
    public async Task Should_fail_for_good_naming_an_output_the_step_never_set()
    {
        await using var worker = await LaneWorkerHarness.StartAsync();

        var runId = await worker.Execute(
            Steps.Step("deploy", RunPhases.Action, "test.outputs", ("id", "dpl_42")),
            Steps.Step("check", RunPhases.Verify, "test.capture", ("url", "${{ steps.deploy.outputs.url }}")));

        var failed = await worker.WaitForPublished<RunFailed>(m => m.RunId == runId);
        Assert.False(failed.Retryable);
        Assert.Equal("check", failed.StepId);
        Assert.Contains("${{ steps.deploy.outputs.url }}", failed.Error);
        Assert.Contains("did not set output 'url' (it set id)", failed.Error);
    }

    [Fact]
    public async Task Should_fail_for_good_when_the_referenced_step_failed()
    {
        await using var worker = await LaneWorkerHarness.StartAsync();

        var runId = await worker.Execute(
            Steps.Fail("deploy", retryable: true) with { ContinueOnError = true },
            Steps.Step("check", RunPhases.Verify, "test.capture", ("url", "${{ steps.deploy.outputs.url }}")));

        var failed = await worker.WaitForPublished<RunFailed>(m => m.RunId == runId);
        Assert.False(failed.Retryable);
        Assert.Equal("check", failed.StepId);
        Assert.Contains("references ${{ steps.deploy.outputs.url }}, but step 'deploy' has not succeeded", failed.Error);
    }
}

public sealed class When_a_reference_is_written
{
    [Theory]
    [InlineData("${{steps.a.outputs.b}}", "[a.b]")]
    [InlineData("${{   steps.a.outputs.b   }}", "[a.b]")]
    [InlineData("x ${{ steps.build-1.outputs.image_tag }} y ${{ steps.a.outputs.b }}", "x [build-1.image_tag] y [a.b]")]
    [InlineData("${{ params.a }} and ${{ env }}", "${{ params.a }} and ${{ env }}")]
    [InlineData("no reference", "no reference")]
    public void Should_replace_only_step_output_references(string text, string expected) =>
        Assert.Equal(expected, StepReference.Replace(text, r => $"[{r.StepId}.{r.Output}]"));

    [Theory]
    [InlineData("${{ steps.a.output.b }}")]
    [InlineData("${{ steps.a }}")]
    [InlineData("${{ steps.a.outputs. }}")]
    public void Should_reject_a_malformed_step_reference(string text)
    {
        var error = Assert.Throws<FormatException>(() => StepReference.Replace(text, _ => "value"));
        Assert.Contains("steps.<stepId>.outputs.<name>", error.Message);
    }

    [Fact]
    public void Should_print_the_canonical_form() =>
        Assert.Equal("${{ steps.a.outputs.b }}", new StepReference("a", "b").ToString());
}

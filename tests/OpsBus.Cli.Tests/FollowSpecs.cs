using OpsBus.Contracts;
using OpsBus.Testing;

namespace OpsBus.Cli.Tests;

[Collection(EmbeddedOpsBusCollection.Name)]
public sealed class When_hello_is_run_with_follow(EmbeddedOpsBus opsbus)
{
    [Fact]
    public async Task Should_print_its_log_lines_live_and_exit_0()
    {
        var result = await opsbus.Run("run", "hello", "-p", "name=CLI", "--follow");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("Hello, CLI!", result.Out);
        Assert.Contains("Greeted CLI.", result.Out);
        Assert.Contains("succeeded", result.Out);
        Assert.DoesNotContain("Live updates unavailable", result.Error);
        Assert.Single(result.Out.Split('\n'), line => line.Contains("Hello, CLI!"));
    }

    [Fact]
    public async Task Should_print_only_the_finished_run_as_json()
    {
        var result = await opsbus.Run("run", "hello", "--follow", "--json");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var run = result.Json();
        Assert.Equal(RunStatuses.Succeeded, run.GetProperty("status").GetString());
        Assert.Equal("hello", run.GetProperty("template").GetString());
        Assert.Equal(["succeeded", "succeeded"], run.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("status").GetString()));
    }
}

[Collection(EmbeddedOpsBusCollection.Name)]
public sealed class When_a_followed_run_fails(EmbeddedOpsBus opsbus)
{
    [Fact]
    public async Task Should_exit_1_with_the_error()
    {
        var slug = TemplateFiles.UniqueSlug("fails");
        var file = TemplateFiles.Write(opsbus.DataDirectory, $"{slug}.yaml", TemplateFiles.Failing(slug));
        Assert.Equal(ExitCodes.Success, (await opsbus.Run("templates", "apply", "-f", file)).ExitCode);

        var result = await opsbus.Run("run", slug, "--follow");

        Assert.True(result.ExitCode == ExitCodes.Failure, result.ToString());
        Assert.Contains("failed", result.Out);
        Assert.Contains("broken on purpose", result.Out);
    }
}

[Collection(EmbeddedOpsBusCollection.Name)]
public sealed class When_a_followed_run_is_cancelled(EmbeddedOpsBus opsbus)
{
    [Fact]
    public async Task Should_end_the_follow_with_exit_3()
    {
        var slug = TemplateFiles.UniqueSlug("sleeps");
        var file = TemplateFiles.Write(opsbus.DataDirectory, $"{slug}.yaml", TemplateFiles.Sleeping(slug));
        Assert.Equal(ExitCodes.Success, (await opsbus.Run("templates", "apply", "-f", file)).ExitCode);
        var accepted = await opsbus.Run("run", slug, "--json");
        var runId = accepted.Json().GetProperty("id").GetString()!;

        var following = opsbus.Run("runs", "logs", runId, "--follow");
        await Eventually.True(async () =>
            (await opsbus.Run("runs", "show", runId, "--json")).Json().GetProperty("status").GetString() == RunStatuses.Running,
            TimeSpan.FromSeconds(30), "the run to be running", TimeSpan.FromMilliseconds(100));
        var cancel = await opsbus.Run("runs", "cancel", runId, "--reason", "not needed");

        Assert.True(cancel.ExitCode == ExitCodes.Success, cancel.ToString());
        var followed = await following.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(followed.ExitCode == ExitCodes.Cancelled, followed.ToString());
        Assert.Contains("cancelled", followed.Out);
    }
}

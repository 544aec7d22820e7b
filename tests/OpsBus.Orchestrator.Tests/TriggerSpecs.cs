using System.Text.Json;
using MassTransit;
using MassTransit.Testing;
using OpsBus.Contracts;
using OpsBus.Testing;
using OpsBus.Orchestrator.Triggers;

namespace OpsBus.Orchestrator.Tests;

public sealed class When_a_trigger_requests_a_run
{
    [Fact]
    public async Task Should_keep_the_trigger_on_the_run_and_announce_it_with_every_status()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync();
        var runId = NewId.NextGuid();
        var trigger = new RunTrigger("push", "72d3162e-cc78-11e3-81ab-4c9367dc0958", "acme/shop", "refs/heads/main", new string('a', 40), Guid.NewGuid());

        await orchestrator.Publish(new RunRequested(runId, OrchestratorHarness.Plan(), RequestedBy: "github:octocat", RequestedAt: DateTime.UtcNow, Trigger: trigger));
        var run = await orchestrator.WaitFor(runId, RunStatuses.Queued);

        Assert.Equal(trigger, run.Trigger);
        // The saga publishes after its save, so the status change can follow the stored state by a moment.
        await Eventually.True(() => Task.FromResult(orchestrator.Harness.Published.Select<RunStatusChanged>(OrchestratorHarness.Recorded)
                .Any(m => m.Context.Message.RunId == runId && m.Context.Message.Trigger == trigger)),
            TimeSpan.FromSeconds(10), "the queued status announced with its trigger");
    }
}

public sealed class When_a_delivery_is_read
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public void Should_ignore_a_push_that_deleted_a_branch()
    {
        var facts = GitHubEvents.Read("push", Json("""{"ref":"refs/heads/gone","deleted":true,"after":"0000000000000000000000000000000000000000","repository":{"full_name":"a/b"},"sender":{"login":"x"}}"""), out var ignored);

        Assert.Null(facts);
        Assert.Contains("deleted", ignored);
    }

    [Fact]
    public void Should_name_what_a_payload_lacks()
    {
        var facts = GitHubEvents.Read("pull_request", Json("""{"action":"opened","number":1,"repository":{"full_name":"a/b"},"sender":{"login":"x"}}"""), out var ignored);

        Assert.Null(facts);
        Assert.Equal("the payload has no 'pull_request'", ignored);
    }

    [Fact]
    public void Should_read_a_tag_push_as_a_tag_without_a_branch()
    {
        var facts = GitHubEvents.Read("push", Json("""{"ref":"refs/tags/v2","after":"abc","repository":{"full_name":"a/b"},"sender":{"login":"x"}}"""), out _)!;

        Assert.Equal(("v2", null, null), (facts.Tag, facts.Branch, facts.FilterBranch));
        Assert.Equal("x", facts.Author);
    }
}

public sealed class When_a_trigger_pattern_is_matched
{
    [Theory]
    [InlineData("acme/shop", "acme/shop", true)]
    [InlineData("acme/shop", "ACME/Shop", true)]
    [InlineData("acme/*", "acme/docs", true)]
    [InlineData("acme/*", "other/docs", false)]
    [InlineData("*/docs-?", "x/docs-1", true)]
    [InlineData("*/docs-?", "x/docs-12", false)]
    public void Should_match_repositories_by_glob_ignoring_case(string pattern, string repository, bool matches) =>
        Assert.Equal(matches, TriggerGlob.Repository(pattern, out _)!.IsMatch(repository));

    [Theory]
    [InlineData("release/*", "release/1.2", true)]
    [InlineData("release/*", "release/1.2/rc", false)]
    [InlineData("release/**", "release/1.2/rc", true)]
    [InlineData("main", "Main", false)]
    [InlineData("feat.x", "featyx", false)]
    public void Should_match_branches_by_glob_exactly(string pattern, string branch, bool matches) =>
        Assert.Equal(matches, TriggerGlob.Branch(pattern, out _)!.IsMatch(branch));

    [Theory]
    [InlineData("acme")]
    [InlineData("acme/shop/x")]
    [InlineData("acme/sh op")]
    [InlineData("/shop")]
    public void Should_refuse_a_repository_pattern_that_is_not_owner_and_name(string pattern)
    {
        Assert.Null(TriggerGlob.Repository(pattern, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Should_accept_only_the_signature_of_the_exact_body_under_the_secret()
    {
        var body = "{\"a\":1}"u8.ToArray();
        var signature = WebhookSignature.Sign("secret", body);

        Assert.True(WebhookSignature.IsValid("secret", body, signature));
        Assert.True(WebhookSignature.IsValid("secret", body, signature.ToUpperInvariant().Replace("SHA256=", "sha256=")));
        Assert.False(WebhookSignature.IsValid("other", body, signature));
        Assert.False(WebhookSignature.IsValid("secret", "{\"a\":2}"u8, signature));
        Assert.False(WebhookSignature.IsValid("secret", body, null));
        Assert.False(WebhookSignature.IsValid("secret", body, signature[..^2]));
    }
}

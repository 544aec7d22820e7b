using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Triggers;
using OpsBus.Testing;
using static OpsBus.Api.Tests.GitHubDeliveries;

namespace OpsBus.Api.Tests;

public sealed class When_a_delivery_matches_a_trigger_rule
{
    private static readonly object AllFields = new
    {
        repo = "${{ github.repo }}", @ref = "${{ github.ref }}", sha = "${{ github.sha }}", author = "${{ github.author }}",
    };

    [Fact]
    public async Task Should_run_the_template_for_a_push_with_the_delivery_as_its_trigger()
    {
        await using var api = await StartWithTemplateAsync();
        var rule = await api.CreateTrigger(new
        {
            name = "push to main", repository = "acme/shop", @event = "push", branches = new[] { "main" }, template = "ci-check",
            @params = new { repo = "${{ github.repo }}", @ref = "${{ github.ref }}", branch = "${{ github.branch }}", sha = "${{ github.sha }}", author = "${{ github.author }}", note = "pushed to ${{ github.branch }}" },
        });

        var delivery = await api.Deliver("push", Push());
        await api.Handled(delivery);

        var run = Assert.Single(await api.RunsOf(delivery));
        Assert.Equal(new RunTrigger("push", delivery, "acme/shop", "refs/heads/main", Sha, rule), run.Trigger);
        Assert.Equal("github:octocat", run.RequestedBy);
        Assert.Equal("ci-check", run.Template);
        Assert.Equal("acme/shop", run.Parameters!["repo"]);
        Assert.Equal("refs/heads/main", run.Parameters["ref"]);
        Assert.Equal("main", run.Parameters["branch"]);
        Assert.Equal(Sha, run.Parameters["sha"]);
        Assert.Equal("pusher-name", run.Parameters["author"]);
        Assert.Equal("pushed to main", run.Parameters["note"]);
        var finished = await api.As("root:admin").WaitForFinish(run.Id, RunStatuses.Succeeded);
        Assert.Equal(run.Trigger, finished.Trigger);
    }

    [Fact]
    public async Task Should_run_for_opened_and_synchronized_pull_requests_but_not_closed_ones()
    {
        await using var api = await StartWithTemplateAsync();
        await api.CreateTrigger(new
        {
            name = "pull requests", repository = "acme/shop", @event = "pull_request", template = "ci-check",
            @params = new { repo = "${{ github.repo }}", pr = "${{ github.pr }}", sha = "${{ github.sha }}", branch = "${{ github.branch }}", author = "${{ github.author }}", action = "${{ github.action }}" },
        });

        var opened = await api.Deliver("pull_request", PullRequest("opened"));
        var synchronized = await api.Deliver("pull_request", PullRequest("synchronize"));
        var closed = await api.Deliver("pull_request", PullRequest("closed"));
        await api.Handled(opened);
        await api.Handled(synchronized);
        await api.Handled(closed);

        var run = Assert.Single(await api.RunsOf(opened));
        Assert.Equal("42", run.Parameters!["pr"]);
        Assert.Equal("feature/login", run.Parameters["branch"]);
        Assert.Equal(Sha, run.Parameters["sha"]);
        Assert.Equal("pr-author", run.Parameters["author"]);
        Assert.Equal("opened", run.Parameters["action"]);
        Assert.Equal("refs/heads/feature/login", run.Trigger!.Ref);
        Assert.Equal("synchronize", Assert.Single(await api.RunsOf(synchronized)).Parameters!["action"]);
        Assert.Empty(await api.RunsOf(closed));
    }

    [Fact]
    public async Task Should_run_for_a_completed_workflow_run()
    {
        await using var api = await StartWithTemplateAsync();
        await api.CreateTrigger(new { name = "after build", repository = "acme/*", @event = "workflow_run", template = "ci-check", @params = AllFields });

        var requested = await api.Deliver("workflow_run", WorkflowRun("requested"));
        var completed = await api.Deliver("workflow_run", WorkflowRun("completed"));
        await api.Handled(requested);
        await api.Handled(completed);

        Assert.Empty(await api.RunsOf(requested));
        var run = Assert.Single(await api.RunsOf(completed));
        Assert.Equal("refs/heads/main", run.Parameters!["ref"]);
        Assert.Equal("ci-actor", run.Parameters["author"]);
        Assert.Equal(new RunTrigger("workflow_run", completed, "acme/shop", "refs/heads/main", Sha, run.Trigger!.TriggerId), run.Trigger);
    }

    [Fact]
    public async Task Should_run_for_a_published_release_with_its_tag()
    {
        await using var api = await StartWithTemplateAsync();
        await api.CreateTrigger(new
        {
            name = "releases", repository = "acme/shop", @event = "release", template = "ci-check",
            @params = new { repo = "${{ github.repo }}", tag = "${{ github.tag }}", @ref = "${{ github.ref }}", author = "${{ github.author }}" },
        });

        var published = await api.Deliver("release", Release("published"));
        await api.Handled(published);

        var run = Assert.Single(await api.RunsOf(published));
        Assert.Equal("v1.2.0", run.Parameters!["tag"]);
        Assert.Equal("refs/tags/v1.2.0", run.Parameters["ref"]);
        Assert.Equal("releaser", run.Parameters["author"]);
        Assert.Null(run.Trigger!.Sha);
    }

    [Fact]
    public async Task Should_request_one_run_per_matching_rule()
    {
        await using var api = await StartWithTemplateAsync();
        var first = await api.CreateTrigger(new { name = "one", repository = "acme/shop", @event = "push", template = "ci-check", @params = AllFields });
        var second = await api.CreateTrigger(new { name = "two", repository = "acme/*", @event = "push", template = "ci-check", @params = AllFields, lane = "B" });

        var delivery = await api.Deliver("push", Push());
        await api.Handled(delivery);

        var runs = await api.RunsOf(delivery);
        Assert.Equal(new[] { first, second }.Order(), runs.Select(r => r.Trigger!.TriggerId!.Value).Order());
        Assert.Equal(["A", "B"], runs.Select(r => r.Lane).Order());
    }
}

public sealed class When_a_rule_filters_repositories_and_branches
{
    [Fact]
    public async Task Should_run_only_for_matching_repositories_and_branches()
    {
        await using var api = await StartWithTemplateAsync();
        await api.CreateTrigger(new
        {
            name = "release branches", repository = "acme/*", @event = "push", branches = new[] { "release/*", "hotfix/**" },
            template = "ci-check", @params = new { repo = "${{ github.repo }}" },
        });

        var release = await api.Deliver("push", Push(gitRef: "refs/heads/release/1.2"));
        var hotfix = await api.Deliver("push", Push(repository: "ACME/Docs", gitRef: "refs/heads/hotfix/a/b"));
        var main = await api.Deliver("push", Push(gitRef: "refs/heads/main"));
        var nested = await api.Deliver("push", Push(gitRef: "refs/heads/release/1.2/rc"));
        var otherOwner = await api.Deliver("push", Push(repository: "other/shop", gitRef: "refs/heads/release/1.2"));
        var tag = await api.Deliver("push", Push(gitRef: "refs/tags/release/1.2"));
        foreach (var delivery in new[] { release, hotfix, main, nested, otherOwner, tag })
            await api.Handled(delivery);

        Assert.Single(await api.RunsOf(release));
        Assert.Equal("ACME/Docs", Assert.Single(await api.RunsOf(hotfix)).Parameters!["repo"]);
        Assert.Empty(await api.RunsOf(main));
        Assert.Empty(await api.RunsOf(nested));
        Assert.Empty(await api.RunsOf(otherOwner));
        Assert.Empty(await api.RunsOf(tag));
    }

    [Fact]
    public async Task Should_ignore_disabled_rules_and_pull_requests_into_other_base_branches()
    {
        await using var api = await StartWithTemplateAsync();
        await api.CreateTrigger(new { name = "into main", repository = "acme/shop", @event = "pull_request", branches = new[] { "main" }, template = "ci-check", @params = new { repo = "${{ github.repo }}" } });
        await api.CreateTrigger(new { name = "off", repository = "acme/shop", @event = "pull_request", enabled = false, template = "ci-check", @params = new { repo = "${{ github.repo }}" } });

        var intoMain = await api.Deliver("pull_request", PullRequest("opened", head: "feature/x", baseBranch: "main"));
        var intoDevelop = await api.Deliver("pull_request", PullRequest("opened", head: "feature/x", baseBranch: "develop"));
        await api.Handled(intoMain);
        await api.Handled(intoDevelop);

        Assert.Single(await api.RunsOf(intoMain));
        Assert.Empty(await api.RunsOf(intoDevelop));
    }
}

public sealed class When_github_redelivers_a_delivery
{
    [Fact]
    public async Task Should_request_no_second_run()
    {
        await using var api = await StartWithTemplateAsync();
        var rule = await api.CreateTrigger(new { name = "push", repository = "acme/shop", @event = "push", template = "ci-check", @params = new { repo = "${{ github.repo }}" } });

        var consumed = ConsumedMessages<HandleGitHubDelivery>.Observe(api);

        var delivery = await api.Deliver("push", Push());
        await api.Handled(delivery);
        await api.Deliver("push", Push(), delivery);
        await api.Deliver("push", Push(), delivery);
        await Eventually.True(() => Task.FromResult(consumed.Count == 3), TimeSpan.FromSeconds(20), "the delivery and its two copies consumed");

        Assert.Single(await api.RunsOf(delivery));
        Assert.Single((await api.As("root:admin").Get<TriggerDeliveryPage>($"/api/triggers/{rule}/deliveries")).Items);
    }

    [Fact]
    public async Task Should_make_one_run_even_when_copies_arrive_together()
    {
        await using var api = await StartWithTemplateAsync();
        await api.CreateTrigger(new { name = "push", repository = "acme/shop", @event = "push", template = "ci-check", @params = new { repo = "${{ github.repo }}" } });
        var consumed = ConsumedMessages<HandleGitHubDelivery>.Observe(api);
        var delivery = Guid.NewGuid().ToString();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => api.Deliver("push", Push(), delivery)));
        await Eventually.True(() => Task.FromResult(consumed.Count == 4), TimeSpan.FromSeconds(20), "the four copies consumed");

        var run = Assert.Single(await api.RunsOf(delivery));
        await api.As("root:admin").WaitForFinish(run.Id, RunStatuses.Succeeded);
        Assert.Equal(1, await api.Query(db => db.Runs.CountAsync(r => r.TriggerDeliveryId == delivery)));
    }
}

public sealed class When_a_mapping_gives_parameters_the_template_refuses
{
    [Fact]
    public async Task Should_record_the_failed_evaluation_and_request_no_run()
    {
        await using var api = await StartWithTemplateAsync();
        var rule = await api.CreateTrigger(new { name = "branches", repository = "acme/shop", @event = "push", template = "ci-check", @params = new { repo = "${{ github.repo }}", branch = "${{ github.branch }}" } });

        var upperCase = await api.Deliver("push", Push(gitRef: "refs/heads/Feature/Login"));
        var tagPush = await api.Deliver("push", Push(gitRef: "refs/tags/v1"));
        await api.Handled(upperCase);
        await api.Handled(tagPush);

        Assert.Empty(await api.RunsOf(upperCase));
        Assert.Empty(await api.RunsOf(tagPush));
        var evaluations = (await api.As("root:admin").Get<TriggerDeliveryPage>($"/api/triggers/{rule}/deliveries")).Items.ToDictionary(e => e.DeliveryId);
        Assert.Null(evaluations[upperCase].RunId);
        Assert.Contains("params.branch", evaluations[upperCase].Error);
        Assert.Equal("refs/heads/Feature/Login", evaluations[upperCase].Ref);
        Assert.Contains("no github.branch", evaluations[tagPush].Error);
    }
}

public sealed class When_a_delivery_reaches_the_orchestrator_unsigned
{
    [Theory]
    [InlineData(null)]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("sha1=abc")]
    public async Task Should_answer_401_and_queue_nothing(string? signature)
    {
        await using var api = await StartWithTemplateAsync();
        var body = System.Text.Json.JsonSerializer.Serialize(Push());

        using var response = await api.As(null).Http.SendAsync(Request("push", "d-1", body, signature));

        await ApiClient.ExpectProblem(response, HttpStatusCode.Unauthorized);
        Assert.DoesNotContain(api.BusMessages, m => m.StartsWith(nameof(HandleGitHubDelivery), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_answer_401_to_a_body_changed_after_signing()
    {
        await using var api = await StartWithTemplateAsync();
        var body = System.Text.Json.JsonSerializer.Serialize(Push());
        var signature = Signature(body);

        using var response = await api.As(null).Http.SendAsync(Request("push", "d-2", body.Replace("acme/shop", "acme/shoq"), signature));

        await ApiClient.ExpectProblem(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Should_answer_a_ping_and_refuse_a_delivery_without_its_id()
    {
        await using var api = await StartWithTemplateAsync();
        const string body = """{"zen":"Keep it logically awesome.","hook_id":1}""";

        using var ping = await api.As(null).Http.SendAsync(Request("ping", "d-3", body, Signature(body)));
        using var noId = await api.As(null).Http.SendAsync(Request("push", null, body, Signature(body)));

        await ApiClient.Expect(ping, HttpStatusCode.OK);
        Assert.Contains("X-GitHub-Delivery", await ApiClient.ExpectInvalidFields(noId));
    }

    [Fact]
    public async Task Should_answer_503_when_no_secret_is_configured()
    {
        await using var api = await ApiHost.StartAsync();
        var body = System.Text.Json.JsonSerializer.Serialize(Push());

        using var response = await api.As(null).Http.SendAsync(Request("push", "d-4", body, Signature(body)));

        var problem = await ApiClient.ExpectProblem(response, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("WebhookSecret", problem.GetProperty("detail").GetString());
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OpsBus.Contracts;
using OpsBus.Testing;
using static OpsBus.Api.Tests.GitHubDeliveries;

namespace OpsBus.Api.Tests;

public sealed class When_a_triggered_run_finishes
{
    private static Task<FakeHttpServer> StartGitHubAsync() => FakeHttpServer.StartAsync(app =>
        app.MapPost("/repos/{owner}/{repo}/statuses/{sha}", async (string sha, HttpRequest request) =>
        {
            var body = (await JsonDocument.ParseAsync(request.Body)).RootElement;
            return Results.Json(new { id = 1, state = body.GetProperty("state").GetString(), context = body.GetProperty("context").GetString(), sha }, statusCode: 201);
        }));

    private static object Rule(string template = "ci-check") =>
        new { name = "push", repository = "acme/shop", @event = "push", template, @params = new { repo = "${{ github.repo }}", sha = "${{ github.sha }}" } };

    private static IReadOnlyList<(string State, string TargetUrl, string Context, string Description)> Statuses(FakeHttpServer github) =>
        github.RequestsTo($"/repos/acme/shop/statuses/{Sha}").Where(r => r.Method == "POST").Select(r =>
        {
            var body = JsonDocument.Parse(r.Body).RootElement;
            return (body.GetProperty("state").GetString()!, body.GetProperty("target_url").GetString()!,
                body.GetProperty("context").GetString()!, body.GetProperty("description").GetString()!);
        }).ToList();

    [Fact]
    public async Task Should_set_a_pending_then_a_success_status_on_the_commit_linking_to_the_run()
    {
        await using var github = await StartGitHubAsync();
        await using var api = await StartWithTemplateAsync(github);
        await api.CreateTrigger(Rule());

        var delivery = await api.Deliver("push", Push());
        await api.Handled(delivery);
        var run = Assert.Single(await api.RunsOf(delivery));
        await api.As("root:admin").WaitForFinish(run.Id, RunStatuses.Succeeded);

        var statuses = await Eventually.Get(() => Task.FromResult(Statuses(github).Any(s => s.State == "success") ? Statuses(github) : null),
            TimeSpan.FromSeconds(20), "the success status");
        Assert.Equal("success", statuses[^1].State);
        Assert.Contains(statuses, s => s.State == "pending");
        Assert.All(statuses, s => Assert.Equal($"{RunLinks}/runs/{run.Id}", s.TargetUrl));
        Assert.All(statuses, s => Assert.Equal("opsbus/ci-check", s.Context));
        var request = github.RequestsTo("/statuses/").First();
        Assert.Equal($"Bearer {Token}", request.Authorization);
        Assert.StartsWith("OpsBus-Orchestrator", request.Headers["User-Agent"]);
    }

    [Fact]
    public async Task Should_report_a_failed_run_as_failure_with_its_error()
    {
        await using var github = await StartGitHubAsync();
        await using var api = await StartWithTemplateAsync(github);
        using var created = await api.As("root:admin").SendYaml(HttpMethod.Post, "/api/templates", """
            slug: always-fails
            title: Always fails
            defaultLane: A
            risk: read
            parameters:
              - key: repo
                label: Repository
                type: string
              - key: sha
                label: Commit
                type: string
            steps:
              - id: boom
                title: Fail
                phase: action
                action: fail
                inputs:
                  message: the check found a problem
            """);
        await ApiClient.Expect(created, System.Net.HttpStatusCode.Created);
        await api.CreateTrigger(Rule("always-fails"));

        var delivery = await api.Deliver("push", Push());
        await api.Handled(delivery);
        var run = Assert.Single(await api.RunsOf(delivery));
        await api.As("root:admin").WaitForStatus(run.Id, RunStatuses.Failed);

        await Eventually.True(() => Task.FromResult(Statuses(github).Any(s => s.State == "failure")), TimeSpan.FromSeconds(20), "the failure status");
        var failure = Statuses(github).Single(s => s.State == "failure");
        Assert.Equal("opsbus/always-fails", failure.Context);
        Assert.Equal("Failed: the check found a problem", failure.Description);
    }

    [Fact]
    public async Task Should_retry_when_github_fails_without_touching_the_run()
    {
        await using var github = await StartGitHubAsync();
        github.Fail(StatusCodes.Status502BadGateway, times: 3, path: "/statuses/");
        await using var api = await StartWithTemplateAsync(github);
        await api.CreateTrigger(Rule());

        var delivery = await api.Deliver("push", Push());
        await api.Handled(delivery);
        var run = Assert.Single(await api.RunsOf(delivery));

        await api.As("root:admin").WaitForFinish(run.Id, RunStatuses.Succeeded);
        // The first three calls were refused; a success status after them was accepted.
        await Eventually.True(() => Task.FromResult(Statuses(github).Skip(3).Any(s => s.State == "success")),
            TimeSpan.FromSeconds(30), "the success status set after GitHub's three failures");
        Assert.Equal(RunStatuses.Succeeded, (await api.As("root:admin").GetRun(run.Id)).Status);
    }
}

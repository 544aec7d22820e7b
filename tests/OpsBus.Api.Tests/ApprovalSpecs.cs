using System.Net;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using OpsBus.Contracts;

namespace OpsBus.Api.Tests;

public sealed class When_a_run_awaits_approval
{
    private const string Hash = "0d5e2a9c41";

    private static async Task<Guid> RequestRiskyRun(ApiHost api, ApiClient requester, string requestedBy = "alice")
    {
        var runId = NewId.NextGuid();
        await api.Services.GetRequiredService<IBus>().Publish(new RunRequested(runId,
            new RunPlan([new PlanStep("deploy", "Deploy", RunPhases.Action, "echo", new Dictionary<string, System.Text.Json.JsonElement> { ["message"] = System.Text.Json.JsonSerializer.SerializeToElement("deploying") })]),
            Environment: "prod",
            RequestedBy: requestedBy, RequestedAt: DateTime.UtcNow, PlanHash: Hash, Risk: "write", RequiresApproval: true));
        // Published straight to the bus, so the run is not readable until its saga stored it.
        await Testing.Eventually.True(async () =>
        {
            using var response = await requester.Get($"/api/runs/{runId}");
            return response.IsSuccessStatusCode;
        }, TimeSpan.FromSeconds(10), "run stored");
        await requester.WaitForStatus(runId, RunStatuses.AwaitingApproval);
        return runId;
    }

    [Fact]
    public async Task Should_list_it_for_approvers_with_the_plan_hash_to_approve()
    {
        await using var api = await ApiHost.StartAsync();
        var runId = await RequestRiskyRun(api, api.As("alice:operator"));

        var pending = await api.As("bob:approver").Get<RunPage>("/api/approvals");
        var mallorysView = await api.As("mallory:operator").Get<RunPage>("/api/approvals");

        var run = Assert.Single(pending.Items, r => r.Id == runId);
        Assert.Equal(RunStatuses.AwaitingApproval, run.Status);
        Assert.Equal(new RunApproval("pending", Hash, "write", run.Approval!.ExpiresAt, null, null, null), run.Approval);
        Assert.NotNull(run.Approval.ExpiresAt);
        Assert.DoesNotContain(mallorysView.Items, r => r.Id == runId);
    }

    [Fact]
    public async Task Should_run_once_another_approver_approves_the_plan_it_saw()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");
        var runId = await RequestRiskyRun(api, alice);

        using var response = await api.As("bob:approver").Post($"/api/runs/{runId}/approve", new { planHash = Hash, comment = "change CHG-42" });

        await ApiClient.Expect(response, HttpStatusCode.Accepted);
        var run = await alice.WaitForFinish(runId, RunStatuses.Succeeded);
        Assert.Equal("approved", run.Approval!.Status);
        Assert.Equal("bob", run.Approval.DecidedBy);
        Assert.Equal("change CHG-42", run.Approval.Comment);
        Assert.NotNull(run.Approval.DecidedAt);
    }

    [Fact]
    public async Task Should_refuse_approvals_that_do_not_hold()
    {
        await using var api = await ApiHost.StartAsync();
        var runId = await RequestRiskyRun(api, api.As("alice:approver"));
        var url = $"/api/runs/{runId}/approve";

        await ApiClient.ExpectProblem(await api.As("mallory:operator").Post(url, new { planHash = Hash }), HttpStatusCode.Forbidden);
        await ApiClient.ExpectProblem(await api.As("audrey:auditor").Post(url, new { planHash = Hash }), HttpStatusCode.Forbidden);
        await ApiClient.ExpectProblem(await api.As("alice:approver").Post(url, new { planHash = Hash }), HttpStatusCode.Forbidden);
        Assert.Contains("planHash", await ApiClient.ExpectInvalidFields(await api.As("bob:approver").Post(url, new { comment = "ok" })));
        await ApiClient.ExpectProblem(await api.As("bob:approver").Post(url, new { planHash = "stale" }), HttpStatusCode.Conflict);
        await ApiClient.ExpectProblem(await api.As("bob:approver").Post($"/api/runs/{Guid.NewGuid()}/approve", new { planHash = Hash }), HttpStatusCode.NotFound);

        Assert.Equal(RunStatuses.AwaitingApproval, (await api.As("alice:approver").GetRun(runId)).Status);
    }

    [Fact]
    public async Task Should_end_rejected_when_an_approver_rejects_it_and_refuse_later_decisions()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");
        var runId = await RequestRiskyRun(api, alice);
        var bob = api.As("bob:approver");

        await ApiClient.Expect(await bob.Post($"/api/runs/{runId}/reject", new { comment = "freeze until Monday" }), HttpStatusCode.Accepted);

        var run = await alice.WaitForStatus(runId, RunStatuses.Rejected);
        Assert.Equal("rejected", run.Approval!.Status);
        Assert.Equal("bob", run.Approval.DecidedBy);
        Assert.Contains("freeze until Monday", run.Error);
        await ApiClient.ExpectProblem(await api.As("carol:admin").Post($"/api/runs/{runId}/approve", new { planHash = Hash }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Should_answer_409_for_a_run_that_needs_no_approval()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");
        var run = await alice.Submit(Plans.Sleep(30));
        Assert.Null(run.Approval);

        await ApiClient.ExpectProblem(await api.As("carol:admin").Post($"/api/runs/{run.Id}/approve", new { planHash = Hash }), HttpStatusCode.Conflict);
    }
}

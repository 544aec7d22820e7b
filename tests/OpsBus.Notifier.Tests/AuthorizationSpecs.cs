using System.Net;
using Microsoft.AspNetCore.SignalR;
using OpsBus.Contracts;

namespace OpsBus.Notifier.Tests;

public sealed class When_an_operator_subscribes_to_another_callers_run
{
    [Fact]
    public async Task Should_be_refused_with_a_hub_exception()
    {
        await using var host = await NotifierHost.StartAsync();
        var bobs = TestRun.By("bob");
        host.Orchestrator.Knows(bobs.Snapshot(RunStatuses.Running));
        var alice = await host.Connect("alice:operator");

        var refused = await Assert.ThrowsAsync<HubException>(() => alice.SubscribeRun(bobs.Id));

        Assert.Contains($"Run {bobs.Id} does not exist or you may not see it.", refused.Message);
        Assert.Contains(bobs.Id, host.Orchestrator.Requests);
    }

    [Fact]
    public async Task Should_be_refused_when_the_owner_is_known_from_the_bus()
    {
        await using var host = await NotifierHost.StartAsync();
        var bobs = TestRun.By("bob");
        await host.PublishAndWait(bobs.Requested());
        var alice = await host.Connect("alice:approver");

        var refused = await Assert.ThrowsAsync<HubException>(() => alice.SubscribeRun(bobs.Id));

        Assert.Contains("does not exist or you may not see it", refused.Message);
        Assert.Empty(host.Orchestrator.Requests);
    }

    [Fact]
    public async Task Should_be_refused_alike_when_the_run_does_not_exist()
    {
        await using var host = await NotifierHost.StartAsync();
        var alice = await host.Connect("alice:operator");
        var unknown = Guid.NewGuid();

        var refused = await Assert.ThrowsAsync<HubException>(() => alice.SubscribeRun(unknown));

        Assert.Contains($"Run {unknown} does not exist or you may not see it.", refused.Message);
    }
}

public sealed class When_an_operator_subscribes_to_its_own_run_the_orchestrator_knows
{
    [Fact]
    public async Task Should_be_allowed_and_receive_its_updates()
    {
        await using var host = await NotifierHost.StartAsync();
        var run = TestRun.By("alice");
        host.Orchestrator.Knows(run.Snapshot(RunStatuses.Queued));
        var alice = await host.Connect("alice:operator");

        await alice.SubscribeRun(run.Id);
        await host.Publish(run.Status(RunStatuses.Claimed, RunStatuses.Queued));

        Assert.Equal(RunStatuses.Claimed, (await alice.NextUpdate()).Status);
    }
}

public sealed class When_an_operator_subscribes_to_its_run_before_anyone_heard_of_it
{
    [Fact]
    public async Task Should_be_allowed_once_the_request_arrives()
    {
        await using var host = await NotifierHost.StartAsync(new Dictionary<string, string?> { ["Notifier:UnknownRunGrace"] = "00:00:10" });
        var run = TestRun.By("alice");
        var alice = await host.Connect("alice:operator");

        var subscribing = alice.SubscribeRun(run.Id);
        await Testing.Eventually.True(() => Task.FromResult(host.Orchestrator.Requests.Contains(run.Id)), TimeSpan.FromSeconds(10),
            "the orchestrator to be asked");
        await host.Publish(run.Requested());
        await subscribing;
        await host.Publish(run.Status(RunStatuses.Queued));

        Assert.Equal(run.Id, (await alice.NextUpdate()).Id);
    }
}

public sealed class When_an_auditor_subscribes_to_someone_elses_run
{
    [Fact]
    public async Task Should_be_allowed_without_asking_the_orchestrator()
    {
        await using var host = await NotifierHost.StartAsync();
        var bobs = TestRun.By("bob");
        var auditor = await host.Connect("carol:auditor");

        await auditor.SubscribeRun(bobs.Id);
        await host.Publish(bobs.Requested());
        await host.Publish(bobs.Status(RunStatuses.Queued));

        Assert.Equal(bobs.Id, (await auditor.NextUpdate()).Id);
        Assert.Empty(host.Orchestrator.Requests);
    }
}

public sealed class When_a_client_is_not_authenticated
{
    [Fact]
    public async Task Should_refuse_the_connection()
    {
        await using var host = await NotifierHost.StartAsync();

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => RunsClient.Connect(host.HubUrl, key: null));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}

public sealed class When_the_key_comes_in_the_access_token_query_parameter
{
    [Fact]
    public async Task Should_authenticate_the_connection()
    {
        await using var host = await NotifierHost.StartAsync();
        var run = TestRun.By("alice");
        var alice = await host.Connect("alice:operator", KeyPlacement.Query);

        await alice.SubscribeAll();
        await host.Publish(run.Requested());
        await host.Publish(run.Status(RunStatuses.Queued));

        Assert.Equal(run.Id, (await alice.NextUpdate()).Id);
    }
}

using OpsBus.Contracts;

namespace OpsBus.Notifier.Tests;

public sealed class When_a_caller_subscribes_to_a_session
{
    [Fact]
    public async Task Should_deliver_an_operator_only_its_own_runs_of_that_session()
    {
        await using var host = await NotifierHost.StartAsync();
        var bobsInSession = TestRun.By("bob", "s-1");
        var alicesElsewhere = TestRun.By("alice", "s-2");
        var alicesWithoutSession = TestRun.By("alice");
        var alicesInSession = TestRun.By("alice", "s-1");
        var alice = await host.Connect("alice:operator");
        await alice.SubscribeSession("s-1");

        await host.PublishAndWait(bobsInSession.Status(RunStatuses.Queued));
        await host.PublishAndWait(alicesElsewhere.Status(RunStatuses.Queued));
        await host.PublishAndWait(alicesWithoutSession.Status(RunStatuses.Queued));
        await host.Publish(alicesInSession.Status(RunStatuses.Queued));
        await host.Publish(alicesInSession.Log("in the session"));

        Assert.Equal(alicesInSession.Id, (await alice.NextUpdate()).Id);
        Assert.Equal(0, alice.UnreadUpdates);
        Assert.Equal(alicesInSession.Id, (await alice.NextLog()).RunId);
    }

    [Fact]
    public async Task Should_deliver_an_auditor_every_run_of_that_session()
    {
        await using var host = await NotifierHost.StartAsync();
        var bobsInSession = TestRun.By("bob", "s-1");
        var alicesElsewhere = TestRun.By("alice", "s-2");
        var alicesInSession = TestRun.By("alice", "s-1");
        var auditor = await host.Connect("carol:auditor");
        await auditor.SubscribeSession("s-1");

        await host.PublishAndWait(bobsInSession.Status(RunStatuses.Queued));
        await host.PublishAndWait(alicesElsewhere.Status(RunStatuses.Queued));
        await host.Publish(alicesInSession.Status(RunStatuses.Queued));

        Assert.Equal(bobsInSession.Id, (await auditor.NextUpdate()).Id);
        Assert.Equal(alicesInSession.Id, (await auditor.NextUpdate()).Id);
    }

    [Fact]
    public async Task Should_refuse_an_empty_session_id()
    {
        await using var host = await NotifierHost.StartAsync();
        var alice = await host.Connect("alice:operator");

        var refused = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => alice.SubscribeSession(" "));

        Assert.Contains("A session id is 1 to 200 characters.", refused.Message);
    }
}

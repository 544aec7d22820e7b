using OpsBus.Contracts;

namespace OpsBus.Notifier.Tests;

public sealed class When_a_caller_subscribes_to_everything
{
    [Fact]
    public async Task Should_deliver_only_their_own_runs_to_an_operator()
    {
        await using var host = await NotifierHost.StartAsync();
        var bobs = TestRun.By("bob");
        var alices = TestRun.By("alice");
        var alice = await host.Connect("alice:operator");
        await alice.SubscribeAll();

        await host.PublishAndWait(bobs.Requested());
        await host.PublishAndWait(bobs.Status(RunStatuses.Queued));
        await host.PublishAndWait(bobs.Log("bob's secret"));
        await host.PublishAndWait(alices.Requested());
        await host.Publish(alices.Status(RunStatuses.Queued));
        await host.Publish(alices.Log("alice's own"));

        Assert.Equal(alices.Id, (await alice.NextUpdate()).Id);
        Assert.Equal(alices.Id, (await alice.NextLog()).RunId);
        Assert.Equal(0, alice.UnreadUpdates);
        Assert.Equal(0, alice.UnreadLogs);
    }

    [Fact]
    public async Task Should_deliver_every_run_to_an_auditor()
    {
        await using var host = await NotifierHost.StartAsync();
        var bobs = TestRun.By("bob");
        var alices = TestRun.By("alice");
        var auditor = await host.Connect("carol:auditor");
        await auditor.SubscribeAll();

        await host.PublishAndWait(bobs.Status(RunStatuses.Queued));
        await host.Publish(alices.Status(RunStatuses.Queued));
        await host.Publish(alices.Log("hello"));

        Assert.Equal(bobs.Id, (await auditor.NextUpdate()).Id);
        Assert.Equal(alices.Id, (await auditor.NextUpdate()).Id);
        Assert.Equal(alices.Id, (await auditor.NextLog()).RunId);
    }
}

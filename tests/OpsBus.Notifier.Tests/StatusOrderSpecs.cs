using Microsoft.Extensions.Options;
using OpsBus.Contracts;
using OpsBus.Notifier.Runs;

namespace OpsBus.Notifier.Tests;

public sealed class When_status_changes_overtake_each_other
{
    private readonly StatusOrder _order = new(Options.Create(new NotifierOptions()));
    private readonly TestRun _run = TestRun.By("alice");

    [Fact]
    public void Should_hold_an_early_change_and_release_it_right_after_the_one_it_overtook()
    {
        var queued = _run.Status(RunStatuses.Queued);
        var claimed = _run.Status(RunStatuses.Claimed);
        var running = _run.Status(RunStatuses.Running);

        Assert.Equal([queued], _order.Accept(queued, out var firstHeld));
        Assert.Empty(_order.Accept(running, out var runningHeld));
        Assert.Equal([claimed, running], _order.Accept(claimed, out var claimedHeld));

        Assert.False(firstHeld);
        Assert.True(runningHeld);
        Assert.False(claimedHeld);
        Assert.Empty(_order.Release(_run.Id));
    }

    [Fact]
    public void Should_release_held_changes_in_order_when_the_window_ends_and_drop_the_late_one()
    {
        var queued = _run.Status(RunStatuses.Queued);
        var claimed = _run.Status(RunStatuses.Claimed);
        var running = _run.Status(RunStatuses.Running);
        var succeeded = _run.Status(RunStatuses.Succeeded, RunStatuses.Running);

        Assert.Empty(_order.Accept(succeeded, out _));
        Assert.Empty(_order.Accept(running, out _));

        Assert.Equal([running, succeeded], _order.Release(_run.Id));
        Assert.Empty(_order.Accept(queued, out var lateHeld));
        Assert.Empty(_order.Accept(claimed, out _));
        Assert.False(lateHeld);
    }

    [Fact]
    public void Should_drop_a_duplicate_and_pass_unnumbered_changes_through()
    {
        var queued = _run.Status(RunStatuses.Queued);

        Assert.Single(_order.Accept(queued, out _));
        Assert.Empty(_order.Accept(queued, out _));
        var unnumbered = queued with { Sequence = 0 };
        Assert.Equal([unnumbered], _order.Accept(unnumbered, out _));
    }
}

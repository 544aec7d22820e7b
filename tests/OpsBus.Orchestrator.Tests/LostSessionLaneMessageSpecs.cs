using MassTransit;
using OpsBus.Contracts;
using OpsBus.Testing;
using OpsBus.ServiceDefaults;

namespace OpsBus.Orchestrator.Tests;

/// <summary>
/// A session run waits for its session-lane saga through three messages: its <see cref="QueueSessionRun"/>, its
/// <see cref="SessionRunAdmitted"/>, and the <see cref="SessionRunEnded"/> of the run ahead of it. Losing any of them
/// (a send lost after its saga was saved) would leave it queued for ever; the recovery sweep finds it waiting past twice
/// the heartbeat timeout and its liveness check queues it again, which the lane saga answers by admitting it or by
/// reminding the active run, whichever was lost. Each spec drops one message once, then lets the sweep run.
/// </summary>
public sealed class When_a_session_lane_message_was_lost
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task Should_queue_the_run_again_when_its_queueing_was_lost()
    {
        var drop = new DropOnce<QueueSessionRun>();
        await using var orchestrator = await Start(drop);
        var ahead = await orchestrator.RequestRun(sessionId: "s1");
        await orchestrator.WaitForDispatch(ahead, 1);
        var behind = await RequestDropping(orchestrator, drop, m => m.RunId, sessionId: "s1");
        await orchestrator.SucceedFirstAttempt(ahead);
        await orchestrator.Harness.InactivityTask;
        Assert.Equal(0, orchestrator.DispatchCount(behind));

        await orchestrator.Advance(TimeSpan.FromSeconds(61));

        await orchestrator.WaitForDispatch(behind, 1);
        await orchestrator.MustClaim(behind, 1);
    }

    [Fact]
    public async Task Should_admit_the_run_again_when_its_admission_was_lost()
    {
        var drop = new DropOnce<SessionRunAdmitted>();
        await using var orchestrator = await Start(drop);
        var runId = await RequestDropping(orchestrator, drop, m => m.RunId, sessionId: "s2");
        await orchestrator.Harness.InactivityTask;
        Assert.Equal(0, orchestrator.DispatchCount(runId));

        await orchestrator.Advance(TimeSpan.FromSeconds(61));

        await orchestrator.WaitForDispatch(runId, 1);
        await orchestrator.MustClaim(runId, 1);
        Assert.Equal(1, orchestrator.DispatchCount(runId));
    }

    [Fact]
    public async Task Should_free_the_lane_when_the_end_of_the_run_ahead_was_lost()
    {
        var drop = new DropOnce<SessionRunEnded>();
        await using var orchestrator = await Start(drop);
        var ahead = await orchestrator.RequestRun(sessionId: "s3");
        await orchestrator.WaitForDispatch(ahead, 1);
        var behind = await orchestrator.RequestRun(sessionId: "s3");
        await orchestrator.WaitFor(behind, RunStatuses.Queued);
        drop.Match(m => m.RunId == ahead);
        await orchestrator.SucceedFirstAttempt(ahead);
        await Eventually.True(() => Task.FromResult(drop.Dropped), TimeSpan.FromSeconds(10), "the end of the run ahead dropped");
        await orchestrator.Harness.InactivityTask;
        Assert.Equal(0, orchestrator.DispatchCount(behind));

        await orchestrator.Advance(TimeSpan.FromSeconds(61));

        await orchestrator.WaitForDispatch(behind, 1);
        Assert.Equal(1, orchestrator.DispatchCount(ahead));
    }

    [Fact]
    public async Task Should_not_dispatch_the_run_ahead_again_when_it_was_admitted_already()
    {
        await using var orchestrator = await Start(new DropOnce<SessionRunEnded>());
        var ahead = await orchestrator.RequestRun(sessionId: "s4");
        await orchestrator.WaitForDispatch(ahead, 1);
        var behind = await orchestrator.RequestRun(sessionId: "s4");
        await orchestrator.WaitFor(behind, RunStatuses.Queued);

        await orchestrator.Publish(new CheckRunLiveness(behind, 0, RunStatuses.Queued));
        await Eventually.True(() => Task.FromResult(Admissions(orchestrator, ahead) == 2), TimeSpan.FromSeconds(10), "the run ahead reminded of its admission");
        await orchestrator.Harness.InactivityTask;

        Assert.Equal((1, 1, 0), (orchestrator.DispatchCount(ahead), (await orchestrator.Find(ahead))!.Attempt, orchestrator.DispatchCount(behind)));
        await orchestrator.MustClaim(ahead, 1);
    }

    private static int Admissions(OrchestratorHarness orchestrator, Guid runId) =>
        orchestrator.Harness.Consumed.Select<SessionRunAdmitted>(OrchestratorHarness.Recorded).Count(m => m.Context.Message.RunId == runId);

    private static Task<OrchestratorHarness> Start<T>(DropOnce<T> drop)
        where T : class =>
        OrchestratorHarness.StartAsync(heartbeatInterval: SweepInterval,
            configureServices: services => services.Messaging().ConfigureBus((_, bus) => bus.UseFilter(drop)));

    /// <summary>Requests a session run whose <typeparamref name="T"/> is dropped once, and waits until it was.</summary>
    private static async Task<Guid> RequestDropping<T>(OrchestratorHarness orchestrator, DropOnce<T> drop, Func<T, Guid> runOf, string sessionId)
        where T : class
    {
        var runId = NewId.NextGuid();
        drop.Match(m => runOf(m) == runId);
        await orchestrator.RequestRun(sessionId: sessionId, runId: runId);
        await orchestrator.WaitFor(runId, RunStatuses.Queued);
        await Eventually.True(() => Task.FromResult(drop.Dropped), TimeSpan.FromSeconds(10), $"a {typeof(T).Name} of run {runId} dropped");
        return runId;
    }

    /// <summary>Consumes the first <typeparamref name="T"/> that matches without passing it on: a message lost on the way.</summary>
    private sealed class DropOnce<T> : IFilter<ConsumeContext>
        where T : class
    {
        private Func<T, bool>? _match;
        private int _dropped;

        public bool Dropped => Volatile.Read(ref _dropped) == 1;

        public void Match(Func<T, bool> match) => _match = match;

        public Task Send(ConsumeContext context, IPipe<ConsumeContext> next) =>
            context.TryGetMessage<T>(out var message) && _match is { } match && match(message.Message) && Interlocked.CompareExchange(ref _dropped, 1, 0) == 0
                ? Task.CompletedTask
                : next.Send(context);

        public void Probe(ProbeContext context) => context.CreateFilterScope("drop-once");
    }
}

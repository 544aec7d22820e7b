using MassTransit;
using OpsBus.Contracts;
using OpsBus.ServiceDefaults;
using OpsBus.Testing;

namespace OpsBus.Embedded.Tests;

public sealed class When_the_embedded_process_restarts_while_its_worker_is_silent
{
    private static readonly TimeSpan HeartbeatTimeout = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Should_still_time_the_attempt_out_and_succeed_as_attempt_two()
    {
        using var database = new EmbeddedDatabase();
        var plan = Plans.Of(Plans.Echo("greet", RunPhases.Action, "hello again"));

        // Process A: only the orchestrator, and a worker that claims attempt 1, says it started, then falls silent.
        Guid runId;
        await using (var first = await EmbeddedHost.StartAsync(database, withWorker: false, HeartbeatTimeout, SilentWorker.AddTo))
        {
            runId = await first.RequestRun(plan, maxAttempts: 3);
            var running = await first.WaitFor(runId, RunStatuses.Running, r => r.HeartbeatTimeoutTokenId is not null);
            await Eventually.True(() => first.IsScheduled(running.HeartbeatTimeoutTokenId!.Value), TimeSpan.FromSeconds(5),
                "the heartbeat timeout to be stored");

            await first.StopAsync();
            var stopped = await first.Find(runId);
            Assert.True(stopped is { Status: RunStatuses.Running, Attempt: 1 },
                $"process A must stop before the timeout fires; the run was {stopped?.Status} at attempt {stopped?.Attempt}");
        }

        // Process B: same database, orchestrator and a real worker. Only the stored timeout can move the run on.
        await using var second = await EmbeddedHost.StartAsync(database, heartbeatTimeout: HeartbeatTimeout);

        var run = await second.WaitFor(runId, RunStatuses.Succeeded, deadline: TimeSpan.FromSeconds(20));
        Assert.Equal(2, run.Attempt);
        Assert.Equal("embedded-worker", run.ClaimedBy);
    }

    /// <summary>Claims attempt 1 from lane A and announces it started, then never sends a heartbeat.</summary>
    private sealed class SilentWorker(IRequestClient<ClaimRun> claims) : IConsumer<ExecuteRun>
    {
        public const string WorkerId = "silent-worker";

        public static void AddTo(Microsoft.Extensions.Hosting.IHostApplicationBuilder builder) =>
            builder.Services.Messaging()
                .Register(x =>
                {
                    x.AddRequestClient<ClaimRun>();
                    x.AddConsumer<SilentWorker>().ExcludeFromConfigureEndpoints();
                })
                .ConfigureBus((context, cfg) =>
                    cfg.ReceiveEndpoint(Lanes.QueueName("A"), e => e.ConfigureConsumer<SilentWorker>(context)));

        public async Task Consume(ConsumeContext<ExecuteRun> context)
        {
            var command = context.Message;
            if (command.Attempt != 1)
                return;

            var response = await claims.GetResponse<RunClaimAccepted, RunClaimRejected>(new ClaimRun(command.RunId, command.Attempt, WorkerId));
            if (response.Is(out Response<RunClaimAccepted>? _))
                await context.Publish(new RunStarted(command.RunId, command.Attempt, WorkerId, DateTime.UtcNow));
        }
    }
}

using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpsBus.Contracts;
using OpsBus.LaneWorker.Execution;

namespace OpsBus.LaneWorker.Consumers;

/// <summary>
/// Takes an attempt from a lane queue, claims it from the orchestrator and executes it only when the claim is accepted.
/// A redelivered or stale <see cref="ExecuteRun"/> is rejected by the claim, so a plan never runs twice.
/// The message stays unacknowledged while the attempt runs, which bounds the work per worker to the lane's concurrency.
/// </summary>
public sealed class ExecuteRunConsumer(
    IRequestClient<ClaimRun> claims,
    ActiveRuns activeRuns,
    RunExecutor executor,
    IHostApplicationLifetime lifetime,
    IOptions<LaneWorkerOptions> options,
    LaneWorkerTelemetry telemetry,
    TimeProvider clock,
    ILogger<ExecuteRunConsumer> logger) : IConsumer<ExecuteRun>
{
    public async Task Consume(ConsumeContext<ExecuteRun> context)
    {
        var command = context.Message;
        var workerId = options.Value.WorkerId;

        if (activeRuns.IsStopping)
        {
            // Shutting down: hand the message back to the lane for another worker, without claiming it.
            await context.Send(context.ReceiveContext.InputAddress, command);
            return;
        }

        var claimSentAt = clock.GetUtcNow().UtcDateTime;
        var response = await claims.GetResponse<RunClaimAccepted, RunClaimRejected>(
            new ClaimRun(command.RunId, command.Attempt, workerId), context.CancellationToken, RequestTimeout.After(ms: (int)options.Value.ClaimTimeout.TotalMilliseconds));
        if (response.Is(out Response<RunClaimRejected>? rejected))
        {
            logger.LogInformation("Claim of run {RunId} attempt {Attempt} rejected: {Reason}", command.RunId, command.Attempt, rejected.Message.Reason);
            return;
        }
        if (context.SentTime is { } dispatchedAt)
            telemetry.ClaimAccepted(clock.GetUtcNow().UtcDateTime - dispatchedAt, command.Lane);

        var execution = activeRuns.Begin(command.RunId, command.Attempt, claimSentAt);
        if (execution is null)
            return;
        using var span = LaneWorkerTelemetry.Source.StartActivity("execute run")
            ?.SetTag(LaneWorkerTelemetry.RunIdTag, command.RunId)
            .SetTag(LaneWorkerTelemetry.AttemptTag, command.Attempt)
            .SetTag(LaneWorkerTelemetry.LaneTag, Lanes.QueueName(command.Lane))
            .SetTag(LaneWorkerTelemetry.WorkerTag, workerId);
        try
        {
            if (execution.Reason == StopReason.Cancelled)
                await context.Publish(new RunCancellationAcknowledged(command.RunId, command.Attempt, workerId, DateTime.UtcNow));
            logger.LogInformation("Executing run {RunId} attempt {Attempt} on lane {Lane}", command.RunId, command.Attempt, command.Lane);
            await executor.ExecuteAsync(command, execution, context, lifetime.ApplicationStopped);
        }
        finally
        {
            activeRuns.End(execution);
        }
    }
}

using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpsBus.Contracts;
using OpsBus.LaneWorker.Actions;
using OpsBus.LaneWorker.Artifacts;
using OpsBus.Runbooks.Secrets;

namespace OpsBus.LaneWorker.Execution;

/// <summary>
/// Executes one claimed attempt: the plan's steps in phase order, heartbeats while it runs, the log in batches,
/// and exactly one outcome (succeeded, failed, cancelled or released). The summarize phase runs after a failure
/// or a cancel too: it is where proof is gathered. Before each step its inputs are resolved (secret envelopes opened,
/// <c>${{ steps.&lt;id&gt;.outputs.&lt;name&gt; }}</c> replaced); whatever the run lets out is masked with its secrets.
/// </summary>
public sealed class RunExecutor(
    RunActionRegistry actions,
    ExecutionJournal journal,
    IOptions<LaneWorkerOptions> options,
    IRunArtifacts artifacts,
    ILogger<RunExecutor> logger,
    LaneWorkerTelemetry telemetry,
    TimeProvider clock,
    SecretProtector? secretProtector = null)
{
    private const int LoggedOutputLength = 200;

    private readonly LaneWorkerOptions _options = options.Value;

    public async Task ExecuteAsync(ExecuteRun command, RunExecution execution, IPublishEndpoint publish, CancellationToken hostStopping)
    {
        var (runId, attempt) = (command.RunId, command.Attempt);
        var workerId = _options.WorkerId;
        journal.Record("started", runId, attempt);
        var interval = TimeSpan.FromSeconds(Math.Max(1, command.HeartbeatIntervalSeconds));
        var lease = RunExecution.LeaseFor(TimeSpan.FromSeconds(command.HeartbeatTimeoutSeconds), interval);
        await using var heartbeat = new Heartbeat(execution, workerId, interval, lease, publish, clock, logger);
        await PublishUnlessFenced(publish, new RunStarted(runId, attempt, workerId, DateTime.UtcNow), execution, hostStopping);
        var run = new Run(command, new RunSecrets(secretProtector), new StepOutputs());
        run.Secrets.Learn(command.Plan);
        var log = new RunLog(runId, attempt, publish, _options.LogFlushInterval, _options.LogBatchSize, logger, run.Secrets,
            _options.LogLinesPerSecond);
        StepFailure? failure;
        string outcome;
        await using (log)
        {
            log.Write("info", RunLogLine.WorkerSource, $"attempt {attempt} started on {workerId}");
            failure = Validate(command.Plan);
            if (failure is not null)
                log.Write("error", RunLogLine.WorkerSource, failure.Error);
            else
                failure = await RunStepsAsync(run, execution, log, publish, hostStopping);

            // The plan has stopped executing here: what follows only reports it (and may wait for the broker).
            outcome = Outcome(execution.Reason, failure);
            journal.Record("finished", runId, attempt, outcome);
            log.Write(failure is null && execution.Reason != StopReason.LeaseLost ? "info" : "error", RunLogLine.WorkerSource, execution.Reason switch
            {
                StopReason.Cancelled => "attempt cancelled",
                StopReason.Released => "worker stopping: attempt handed back",
                StopReason.LeaseLost => $"attempt stopped: no heartbeat confirmed since {execution.LeaseFrom:O}, the run may be given to another worker",
                _ => failure is null ? "attempt succeeded" : $"attempt failed: {failure.Error}",
            }, RunLogLine.AttemptEnded(outcome));
        }

        object message = outcome switch
        {
            "released" => new RunReleased(runId, attempt, workerId, "worker stopping"),
            "lease-lost" => new RunReleased(runId, attempt, workerId, "heartbeat lease lost"),
            "cancelled" => new RunCancelled(runId, attempt, workerId, DateTime.UtcNow),
            "failed" => new RunFailed(runId, attempt, workerId, run.Secrets.Mask(failure!.Error), failure.Retryable, failure.StepId, DateTime.UtcNow),
            _ => new RunSucceeded(runId, attempt, workerId, DateTime.UtcNow),
        };
        await publish.Publish(message, message.GetType(), CancellationToken.None);
    }

    private static string Outcome(StopReason reason, StepFailure? failure) => reason switch
    {
        StopReason.Released => "released",
        StopReason.LeaseLost => "lease-lost",
        StopReason.Cancelled => "cancelled",
        _ => failure is null ? "succeeded" : "failed",
    };

    /// <summary>
    /// Step events of an attempt that lost its lease are of no use to anyone (the orchestrator fences them) and must not
    /// hold the worker while the broker is away: their publish gives up when the attempt is fenced.
    /// </summary>
    private static async Task PublishUnlessFenced<T>(IPublishEndpoint publish, T message, RunExecution execution, CancellationToken cancellationToken = default)
        where T : class
    {
        if (execution.Fenced.IsCancellationRequested)
            return;
        using var fencedOrCancelled = CancellationTokenSource.CreateLinkedTokenSource(execution.Fenced, cancellationToken);
        try
        {
            await publish.Publish(message, fencedOrCancelled.Token);
        }
        catch (OperationCanceledException) when (execution.Fenced.IsCancellationRequested)
        {
        }
    }

    /// <summary>What the orchestrator checked already, checked again: an <see cref="ExecuteRun"/> put on the lane by anyone
    /// else may carry no plan, empty steps or steps without an id, phase or action.</summary>
    private StepFailure? Validate(RunPlan? plan)
    {
        if (plan?.Steps is not { Count: > 0 })
            return new StepFailure(null, "The plan has no steps.", false);
        foreach (var (step, index) in plan.Steps.Select((step, index) => (step, index)))
        {
            if (step is null || string.IsNullOrWhiteSpace(step.Id) || step.Phase is null || step.Action is null)
                return new StepFailure(step?.Id, $"Step {index + 1} has no id, phase or action.", false);
            if (RunPhases.IndexOf(step.Phase) < 0)
                return new StepFailure(step.Id, $"Step '{step.Id}': unknown phase '{step.Phase}'.", false);
            if (!actions.TryGet(step.Action, out _))
                return new StepFailure(step.Id, $"Step '{step.Id}': unknown action '{step.Action}'. Known: {string.Join(", ", actions.Names.Order())}.", false);
        }
        var duplicate = plan.Steps.GroupBy(s => s.Id).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? null : new StepFailure(duplicate.Key, $"Step id '{duplicate.Key}' is used twice.", false);
    }

    private async Task<StepFailure?> RunStepsAsync(Run run, RunExecution execution, RunLog log, IPublishEndpoint publish, CancellationToken hostStopping)
    {
        var command = run.Command;
        var ordered = command.Plan.Steps
            .Select((step, index) => (step, index))
            .OrderBy(s => RunPhases.IndexOf(s.step.Phase)).ThenBy(s => s.index)
            .Select(s => s.step)
            .ToList();

        StepFailure? failure = null;
        foreach (var step in ordered)
        {
            var summarize = step.Phase == RunPhases.Summarize;
            var skip = execution.Reason is StopReason.Released or StopReason.LeaseLost
                || (!summarize && (failure is not null || execution.Reason == StopReason.Cancelled));
            if (skip)
            {
                if (execution.Reason != StopReason.LeaseLost)
                    await publish.Publish(new RunStepFinished(command.RunId, command.Attempt, step.Id, "skipped", null, DateTime.UtcNow), hostStopping);
                continue;
            }

            // Summarize steps must still run after a cancel, so only a worker shutdown or a lost lease stops them.
            using var summarizeStopping = CancellationTokenSource.CreateLinkedTokenSource(hostStopping, execution.Fenced);
            var stepFailure = await RunStepAsync(run, step, summarize ? summarizeStopping.Token : execution.Stopping, execution, log, publish);
            if (stepFailure is not null && !step.ContinueOnError)
                failure ??= stepFailure;
        }
        return failure;
    }

    private async Task<StepFailure?> RunStepAsync(Run run, PlanStep step, CancellationToken stopping, RunExecution execution, RunLog log, IPublishEndpoint publish)
    {
        var command = run.Command;
        actions.TryGet(step.Action, out var action);
        using var span = LaneWorkerTelemetry.Source.StartActivity("run step")
            ?.SetTag(LaneWorkerTelemetry.RunIdTag, command.RunId)
            .SetTag(LaneWorkerTelemetry.AttemptTag, command.Attempt)
            .SetTag(LaneWorkerTelemetry.StepIdTag, step.Id)
            .SetTag(LaneWorkerTelemetry.StepActionTag, step.Action)
            .SetTag(LaneWorkerTelemetry.StepPhaseTag, step.Phase);
        var started = Stopwatch.GetTimestamp();
        await PublishUnlessFenced(publish, new RunStepStarted(command.RunId, command.Attempt, step.Id, step.Phase, DateTime.UtcNow), execution);
        log.Write("info", step.Id, $"{step.Phase} · {step.Title}");

        var timeout = step.TimeoutSeconds is > 0 ? TimeSpan.FromSeconds(step.TimeoutSeconds.Value) : _options.DefaultStepTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(timeout);

        string status;
        StepFailure? failure = null;
        try
        {
            var context = new StepContext(command.RunId, command.Attempt, step with { Inputs = StepInputs.Resolve(step, run.Outputs, run.Secrets) }, log, artifacts, run.Secrets, publish);
            await action.ExecuteAsync(context, deadline.Token);
            status = "succeeded";
            run.Outputs.Record(step.Id, context.Outputs);
            foreach (var (name, value) in context.Outputs.OrderBy(o => o.Key, StringComparer.Ordinal))
                log.Write("debug", step.Id, $"output {name} = {Abbreviate(run.Secrets.Mask(value))}");
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            status = "cancelled";
            log.Write("warn", step.Id, "stopped");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            status = "failed";
            failure = new StepFailure(step.Id, $"Step '{step.Id}' timed out after {timeout.TotalSeconds:0.#} s.", true);
        }
        catch (StepFailedException e)
        {
            status = "failed";
            failure = new StepFailure(step.Id, e.Message, e.Retryable);
        }
        catch (Exception e)
        {
            // The exception text may carry a secret the action was given: masked, not attached as an exception.
            logger.LogWarning("Step {StepId} of run {RunId} threw {Exception}", step.Id, command.RunId, run.Secrets.Mask(e.ToString()));
            status = "failed";
            failure = new StepFailure(step.Id, $"Step '{step.Id}' threw {e.GetType().Name}: {e.Message}", true);
        }

        failure = failure is null ? null : failure with { Error = run.Secrets.Mask(failure.Error) };
        if (failure is not null)
            log.Write("error", step.Id, failure.Error);
        var elapsed = Stopwatch.GetElapsedTime(started);
        telemetry.StepFinished(elapsed, step.Action, status);
        span?.SetTag(LaneWorkerTelemetry.StepStatusTag, status);
        if (failure is not null)
            span?.SetStatus(ActivityStatusCode.Error, failure.Error);
        logger.LogDebug("Step {StepId} ({Action}) {Status} in {ElapsedMs:0} ms", step.Id, step.Action, status, elapsed.TotalMilliseconds);
        await PublishUnlessFenced(publish, new RunStepFinished(command.RunId, command.Attempt, step.Id, status, failure?.Error, DateTime.UtcNow), execution);
        return failure;
    }

    // Masked before it is cut, so a cut can never leave part of a secret.
    private static string Abbreviate(string masked) =>
        masked.Length <= LoggedOutputLength ? masked : $"{masked[..LoggedOutputLength]}… ({masked.Length} chars)";

    private sealed record Run(ExecuteRun Command, RunSecrets Secrets, StepOutputs Outputs);

    private sealed record StepFailure(string? StepId, string Error, bool Retryable);
}

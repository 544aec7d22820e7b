using MassTransit;
using Microsoft.Extensions.Options;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Persistence;
using OpsBus.SagaStore;
using OpsBus.Scheduling;

namespace OpsBus.Orchestrator.Runs;

/// <summary>
/// The run saga's endpoint: a concurrent update of one run (optimistic concurrency) is retried against fresh state,
/// and outgoing messages leave only after the new state is saved (in-memory outbox). Messages about one run are taken
/// one at a time (partitioned by run id), so the worker's started and succeeded, arriving together, no longer race each
/// other into a conflict and a retry; different runs still go in parallel. Only two orchestrator instances can race.
/// With the durable scheduler, the saga's timeouts (heartbeat, retry backoff, approval) are written in the same save as
/// the state that set them, not sent to the scheduler's queue.
/// </summary>
public sealed class RunStateDefinition : SagaDefinition<RunState>
{
    private readonly OrchestratorOptions _options;

    public RunStateDefinition(IOptions<OrchestratorOptions> options)
    {
        _options = options.Value;
        EndpointName = "orchestrator-runs";
        ConcurrentMessageLimit = _options.ConcurrentMessageLimit;
    }

    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<RunState> sagaConfigurator,
        IRegistrationContext context)
    {
        // Before the outbox, which wraps whichever scheduler it finds: timeouts are rows in the saga's own save.
        if (_options.Scheduler == SchedulerKind.Durable)
            endpointConfigurator.UseTransactionalMessageScheduler<OrchestratorDbContext>();
        endpointConfigurator.UseSagaStoreRetryAndOutbox(context);

        var byRun = endpointConfigurator.CreatePartitioner(_options.ConcurrentMessageLimit);
        endpointConfigurator.UsePartitioner<RunRequested>(byRun, c => c.Message.RunId);
        endpointConfigurator.UsePartitioner<SessionRunAdmitted>(byRun, c => c.Message.RunId);
        endpointConfigurator.UsePartitioner<ClaimRun>(byRun, c => c.Message.RunId);
        endpointConfigurator.UsePartitioner<RunStarted>(byRun, c => c.Message.RunId);
        endpointConfigurator.UsePartitioner<RunHeartbeat>(byRun, c => c.Message.RunId);
        endpointConfigurator.UsePartitioner<RunSucceeded>(byRun, c => c.Message.RunId);
        endpointConfigurator.UsePartitioner<RunFailed>(byRun, c => c.Message.RunId);
        endpointConfigurator.UsePartitioner<RunReleased>(byRun, c => c.Message.RunId);
        endpointConfigurator.UsePartitioner<RunCancelled>(byRun, c => c.Message.RunId);
        endpointConfigurator.UsePartitioner<RunCancellationAcknowledged>(byRun, c => c.Message.RunId);
        endpointConfigurator.UsePartitioner<CancelRun>(byRun, c => c.Message.RunId);
        endpointConfigurator.UsePartitioner<ApproveRun>(byRun, c => c.Message.RunId);
        endpointConfigurator.UsePartitioner<RejectRun>(byRun, c => c.Message.RunId);
        endpointConfigurator.UsePartitioner<CheckRunLiveness>(byRun, c => c.Message.RunId);
        endpointConfigurator.UsePartitioner<RunHeartbeatTimedOut>(byRun, c => c.Message.RunId);
        endpointConfigurator.UsePartitioner<RunRetryDue>(byRun, c => c.Message.RunId);
        endpointConfigurator.UsePartitioner<RunApprovalExpired>(byRun, c => c.Message.RunId);
    }
}

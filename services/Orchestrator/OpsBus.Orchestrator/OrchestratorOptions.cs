using System.ComponentModel.DataAnnotations;
using OpsBus.Orchestrator.Templates;

namespace OpsBus.Orchestrator;

/// <summary>Run lifecycle settings, bound from the <c>Orchestrator</c> section (<c>Orchestrator__HeartbeatTimeout</c> in compose).</summary>
public sealed class OrchestratorOptions
{
    public const string SectionName = "Orchestrator";

    /// <summary><c>Sqlite</c> (embedded) or <c>Postgres</c> (distributed).</summary>
    public DatabaseProvider Database { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The connection string of the orchestrator's database.</summary>
    [Required]
    public string ConnectionString { get; set; } = "Data Source=opsbus.db";

    /// <summary>
    /// <c>Durable</c>: scheduled messages (heartbeat timeouts, backoff) are stored in the database and survive restarts.
    /// <c>Transport</c>: the transport's own delayed delivery, for harness tests on the in-memory transport.
    /// </summary>
    public SchedulerKind Scheduler { get; set; } = SchedulerKind.Durable;

    [Range(1, 100)]
    public int DefaultMaxAttempts { get; set; } = 3;

    /// <summary>Silence after which a worker is presumed dead, unless the run says otherwise.</summary>
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often workers send heartbeats.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Backoff before the second attempt after a retryable failure; doubles per attempt.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a run awaiting approval waits for a decision before it is rejected as expired.</summary>
    public TimeSpan ApprovalTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Saga messages handled at once on the orchestrator's endpoints.</summary>
    [Range(1, 1000)]
    public int ConcurrentMessageLimit { get; set; } = 32;

    /// <summary>Which runs need an approver (<c>Orchestrator:Approvals</c>).</summary>
    public ApprovalOptions Approvals { get; set; } = new();

    public TimeSpan BackoffFor(int failedAttempt)
    {
        var factor = Math.Pow(2, Math.Max(0, failedAttempt - 1));
        var delay = TimeSpan.FromMilliseconds(RetryBackoff.TotalMilliseconds * factor);
        return delay < MaxRetryBackoff ? delay : MaxRetryBackoff;
    }
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public enum SchedulerKind
{
    Durable,
    Transport,
}

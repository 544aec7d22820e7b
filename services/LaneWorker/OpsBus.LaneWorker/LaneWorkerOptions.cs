using System.ComponentModel.DataAnnotations;

using OpsBus.LaneWorker.Actions;

namespace OpsBus.LaneWorker;

/// <summary>What a worker serves and how much at once. Bound from the <c>LaneWorker</c> section.</summary>
public sealed class LaneWorkerOptions
{
    public const string SectionName = "LaneWorker";

    /// <summary>Lanes to consume (<c>A</c> → queue <c>lane-a</c>).</summary>
    [MinLength(1)]
    public string[] Lanes { get; set; } = ["A", "B", "C", "D"];

    /// <summary>Runs executed at once per lane by this process.</summary>
    [Range(1, 256)]
    public int ConcurrencyPerLane { get; set; } = 4;

    /// <summary>This worker's identity in claims and on runs; defaults to host name and process id.</summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>How long a step may run when the plan does not say.</summary>
    public TimeSpan DefaultStepTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long to wait for the orchestrator's answer to a claim.</summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Log lines are published at least this often while a run writes them...</summary>
    public TimeSpan LogFlushInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>...or as soon as this many are waiting.</summary>
    [Range(1, 10_000)]
    public int LogBatchSize { get; set; } = 100;

    /// <summary>
    /// The most log lines a run may write per second (after a burst of ten batches); a step writing faster waits, and
    /// loses nothing. Keeps a flooding step within what the orchestrator stores, so no queue in between grows.
    /// </summary>
    [Range(1, 1_000_000)]
    public int LogLinesPerSecond { get; set; } = 20_000;

    /// <summary>
    /// Optional file the worker appends one JSON line to when it starts and when it ends executing an attempt:
    /// the audit trail that proves each plan ran exactly once.
    /// </summary>
    public string? ExecutionJournalPath { get; set; }

    /// <summary>
    /// The artifacts service steps attach their artifacts to (distributed mode), e.g. <c>http://artifacts:8080</c>;
    /// uploads are signed with <c>OpsBus:InternalSecret</c>. Unset, attaching fails the step, except in embedded mode.
    /// </summary>
    public Uri? ArtifactsAddress { get; set; }

    /// <summary>Outbound HTTP of adapters: timeouts and retries.</summary>
    public AdapterHttpOptions Http { get; set; } = new();

    /// <summary>
    /// Base URLs of the services <c>target.check</c> probes, by environment then service:
    /// <c>LaneWorker:Targets:staging:api = https://api.staging.example.com</c>. Names match case-insensitively.
    /// </summary>
    public Dictionary<string, Dictionary<string, string>> Targets { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// PostgreSQL connection strings of the environments <c>schema.diff</c> compares:
    /// <c>LaneWorker:Databases:staging</c>. Names match case-insensitively; never logged.
    /// </summary>
    public Dictionary<string, string> Databases { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The configured base URL of a service in an environment, if any.</summary>
    public string? FindTarget(string environment, string service) =>
        Find(Targets, environment) is { } services ? Find(services, service) : null;

    /// <summary>The configured connection string of an environment's database, if any.</summary>
    public string? FindDatabase(string environment) => Find(Databases, environment);

    // The configuration binder may replace the dictionaries with ordinal ones, so look up case-insensitively here.
    private static T? Find<T>(Dictionary<string, T> entries, string key)
        where T : class =>
        entries.TryGetValue(key, out var exact)
            ? exact
            : entries.FirstOrDefault(e => string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase)).Value;
}

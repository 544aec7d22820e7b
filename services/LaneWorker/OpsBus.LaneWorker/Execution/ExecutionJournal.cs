using System.Text.Json;
using Microsoft.Extensions.Options;

namespace OpsBus.LaneWorker.Execution;

/// <summary>
/// Appends a JSON line when an attempt starts and when it ends executing on this worker (when
/// <c>LaneWorker:ExecutionJournalPath</c> is set): evidence, independent of the orchestrator, that each plan ran once.
/// </summary>
public sealed class ExecutionJournal(IOptions<LaneWorkerOptions> options)
{
    private readonly string? _path = options.Value.ExecutionJournalPath;
    private readonly string _workerId = options.Value.WorkerId;
    private readonly object _gate = new();

    public void Record(string @event, Guid runId, int attempt, string? outcome = null)
    {
        if (_path is null)
            return;
        var line = JsonSerializer.Serialize(new { @event, runId, attempt, workerId = _workerId, outcome, at = DateTime.UtcNow });
        lock (_gate)
        {
            using var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            using var writer = new StreamWriter(stream);
            writer.WriteLine(line);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
    }
}

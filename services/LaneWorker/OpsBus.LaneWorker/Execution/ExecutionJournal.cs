using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace OpsBus.LaneWorker.Execution;

/// <summary>
/// Appends a JSON line when an attempt starts and when it ends executing on this worker (when
/// <c>LaneWorker:ExecutionJournalPath</c> is set): evidence, independent of the orchestrator, that each plan ran once.
/// The file stays open, and each line is handed to the operating system before the step runs, so the journal is
/// complete even when the worker is killed (<c>kill -9</c>); it is not forced to disk (a machine crash is not what it
/// proves anything about), which would cost a disk flush per line on the run's path.
/// </summary>
public sealed class ExecutionJournal(IOptions<LaneWorkerOptions> options) : IDisposable
{
    private readonly string? _path = options.Value.ExecutionJournalPath;
    private readonly string _workerId = options.Value.WorkerId;
    private readonly Lock _gate = new();
    private FileStream? _file;

    public void Record(string @event, Guid runId, int attempt, string? outcome = null)
    {
        if (_path is null)
            return;
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { @event, runId, attempt, workerId = _workerId, outcome, at = DateTime.UtcNow }) + "\n");
        lock (_gate)
        {
            _file ??= new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            _file.Write(line);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file?.Dispose();
            _file = null;
        }
    }
}

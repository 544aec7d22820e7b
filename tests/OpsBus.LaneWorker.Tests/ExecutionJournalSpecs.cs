using System.Text.Json;
using Microsoft.Extensions.Options;
using OpsBus.LaneWorker.Execution;

namespace OpsBus.LaneWorker.Tests;

public sealed class When_the_worker_journals_its_attempts
{
    [Fact]
    public void Should_have_each_line_in_the_file_when_record_returns_while_the_journal_stays_open()
    {
        var path = Path.Combine(Path.GetTempPath(), $"opsbus-journal-{Guid.NewGuid():N}.jsonl");
        var (runId, other) = (Guid.NewGuid(), Guid.NewGuid());
        try
        {
            using var journal = new ExecutionJournal(Options.Create(new LaneWorkerOptions { WorkerId = "worker-7", ExecutionJournalPath = path }));

            journal.Record("started", runId, 1);
            journal.Record("finished", runId, 1, "succeeded");
            journal.Record("started", other, 2);

            // Read as the load tool reads it, while the worker still holds the file: nothing may be left in a buffer.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var lines = new StreamReader(stream).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonDocument.Parse(line).RootElement)
                .Select(e => (Event: e.GetProperty("event").GetString(), Run: e.GetProperty("runId").GetGuid(), Attempt: e.GetProperty("attempt").GetInt32(),
                    Worker: e.GetProperty("workerId").GetString()))
                .ToList();
            Assert.Equal([("started", runId, 1, "worker-7"), ("finished", runId, 1, "worker-7"), ("started", other, 2, "worker-7")], lines);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

using System.Text.Json;

namespace OpsBus.LoadTest;

/// <summary>Reads the workers' execution journals (<c>LaneWorker:ExecutionJournalPath</c>) to count plans executed more than once.</summary>
internal static class Journals
{
    public static int CountDoubleExecutions(string directory, ICollection<Guid> runs)
    {
        var starts = new Dictionary<Guid, int>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.jsonl"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { Length: > 0 } line)
            {
                using var entry = JsonDocument.Parse(line);
                if (entry.RootElement.GetProperty("event").GetString() != "started")
                    continue;
                var runId = entry.RootElement.GetProperty("runId").GetGuid();
                if (runs.Contains(runId))
                    starts[runId] = starts.GetValueOrDefault(runId) + 1;
            }
        }
        return starts.Values.Count(count => count > 1);
    }
}

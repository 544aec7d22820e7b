using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpsBus.Orchestrator.Persistence;

namespace OpsBus.Orchestrator.Api;

/// <summary>
/// A page of <c>GET /api/runs/{id}/events</c>: the lines after <see cref="AfterSeq"/>, in sequence order, read by key on
/// the (run, seq) primary key so every page costs the same however far into a long log it starts. A page holds at most
/// <see cref="Limit"/> lines and about <see cref="MaxPageCharacters"/> characters of messages and data (a few huge lines
/// make a short page, never a huge one), read from the database as they stream rather than all at once.
/// <para>
/// Log batches can be stored out of order (a worker's batches travel as separate messages), so a page stops before a
/// gap in an attempt's line numbers while the line after it is younger than <see cref="LateLineGrace"/>: a reader that
/// passed the gap would never see the late lines. An older gap is read past (its lines were lost with their worker).
/// </para>
/// </summary>
internal sealed record RunEventQuery(long AfterSeq, int Limit)
{
    public const int DefaultLimit = 200;
    public const int MaxLimit = 1000;

    /// <summary>Past this many characters of messages and data the page ends early (it always holds one line).</summary>
    public const int MaxPageCharacters = 1_000_000;

    /// <summary>How long a gap in the line numbers holds a page back, waiting for the batch that fills it.</summary>
    public static readonly TimeSpan LateLineGrace = TimeSpan.FromSeconds(10);

    public static RunEventQuery? Parse(string? afterSeq, string? limit, out Dictionary<string, string[]> errors)
    {
        errors = [];
        long after = 0;
        if (afterSeq is not null && !long.TryParse(afterSeq, NumberStyles.None, CultureInfo.InvariantCulture, out after))
            errors["afterSeq"] = ["A sequence number from an earlier page (0 or more)."];
        var pageSize = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxLimit))
            errors["limit"] = [$"A number from 1 to {MaxLimit}."];
        return errors.Count == 0 ? new RunEventQuery(after, pageSize) : null;
    }

    public async Task<RunEventPage> ReadAsync(OrchestratorDbContext db, Guid runId, DateTime utcNow, CancellationToken cancellationToken)
    {
        var items = new List<RunEvent>(Math.Min(Limit, 256));
        var characters = 0L;
        var more = false;
        var previous = AfterSeq;
        // One line past the page tells whether there is more, without a count.
        var lines = db.RunLogLines.AsNoTracking()
            .Where(l => l.RunId == runId && l.Seq > AfterSeq)
            .OrderBy(l => l.Seq)
            .Take(Limit + 1)
            .AsAsyncEnumerable();
        await foreach (var line in lines.WithCancellation(cancellationToken))
        {
            if (items.Count == Limit || (items.Count > 0 && characters >= MaxPageCharacters))
            {
                more = true;
                break;
            }
            if (!Follows(previous, line.Seq) && utcNow - line.WrittenAt < LateLineGrace)
                break;
            previous = line.Seq;
            characters += line.Message.Length + (line.DataJson?.Length ?? 0);
            items.Add(new RunEvent(line.Seq, line.WrittenAt, line.Level, line.Source, line.Message,
                line.DataJson is null ? null : JsonSerializer.Deserialize<JsonElement>(line.DataJson)));
        }
        return new RunEventPage(items, items.Count > 0 ? items[^1].Seq : AfterSeq, more);
    }

    /// <summary>True when <paramref name="seq"/> is the line right after <paramref name="previous"/>: the next line of the same attempt, or the first line of a later one.</summary>
    private static bool Follows(long previous, long seq)
    {
        var (attempt, line) = (seq >> 32, (uint)seq);
        return attempt == previous >> 32 ? line == (uint)previous + 1 : attempt > previous >> 32 && line == 1;
    }
}

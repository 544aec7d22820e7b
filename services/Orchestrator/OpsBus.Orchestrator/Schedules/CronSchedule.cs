using Cronos;

namespace OpsBus.Orchestrator.Schedules;

/// <summary>A cron expression read in a time zone (daylight saving handled by Cronos).</summary>
public sealed class CronSchedule
{
    private readonly CronExpression _expression;
    private readonly TimeZoneInfo _zone;

    private CronSchedule(CronExpression expression, TimeZoneInfo zone)
    {
        _expression = expression;
        _zone = zone;
    }

    /// <summary>Parses; on failure says which field is wrong and why.</summary>
    public static bool TryParse(string? cron, string? timeZone, out CronSchedule? schedule, out string? field, out string? error)
    {
        schedule = null;
        field = null;
        error = null;
        if (string.IsNullOrWhiteSpace(cron))
        {
            (field, error) = ("cron", "Required, e.g. \"0 3 * * *\" (every day at 03:00).");
            return false;
        }

        CronExpression expression;
        try
        {
            var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            expression = CronExpression.Parse(cron, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException e)
        {
            (field, error) = ("cron", $"Not a valid cron expression (five fields, or six with seconds first): {e.Message}");
            return false;
        }

        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(timeZone) ? "UTC" : timeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            (field, error) = ("timeZone", $"Unknown time zone '{timeZone}': use an IANA name such as Europe/Paris or UTC.");
            return false;
        }

        schedule = new CronSchedule(expression, zone);
        return true;
    }

    /// <summary>The first tick strictly after <paramref name="after"/>, or null when there is none.</summary>
    public DateTime? Next(DateTime after) =>
        _expression.GetNextOccurrence(DateTime.SpecifyKind(after, DateTimeKind.Utc), _zone);

    /// <summary>The next <paramref name="count"/> ticks after <paramref name="after"/>.</summary>
    public IReadOnlyList<DateTime> Upcoming(DateTime after, int count)
    {
        var ticks = new List<DateTime>(count);
        for (var next = Next(after); next is { } tick && ticks.Count < count; next = Next(tick))
            ticks.Add(tick);
        return ticks;
    }
}

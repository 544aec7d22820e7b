namespace OpsBus.Orchestrator.Schedules;

/// <summary>A recurring run of a template with fixed parameters (table <c>schedules</c>).</summary>
public sealed class RunScheduleRecord
{
    public Guid Id { get; set; }

    public string Name { get; set; } = null!;

    public string Template { get; set; } = null!;

    /// <summary>The fixed parameters as a JSON object; never secrets (schedules refuse them).</summary>
    public string ParametersJson { get; set; } = "{}";

    public string? Environment { get; set; }

    public string? Lane { get; set; }

    /// <summary>A cron expression: five fields, or six with seconds first.</summary>
    public string Cron { get; set; } = null!;

    /// <summary>The IANA time zone the expression is read in, e.g. <c>Europe/Paris</c>.</summary>
    public string TimeZone { get; set; } = "UTC";

    public bool Enabled { get; set; } = true;

    public string CreatedBy { get; set; } = null!;

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>The tick planned next, null when disabled or the expression never fires again.</summary>
    public DateTime? NextFireAt { get; set; }

    public DateTime? LastFiredAt { get; set; }

    public Guid? LastRunId { get; set; }

    public string? LastError { get; set; }

    /// <summary>Bumped by every edit: ticks planned for an older generation are ignored.</summary>
    public int Generation { get; set; }

    /// <summary>Optimistic concurrency: two orchestrators handling one tick cannot both advance it.</summary>
    public int Version { get; set; }
}

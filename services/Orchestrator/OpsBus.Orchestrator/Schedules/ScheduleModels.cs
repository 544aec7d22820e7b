using System.Text.Json;

namespace OpsBus.Orchestrator.Schedules;

/// <summary>Body of <c>POST /api/schedules</c> and <c>PUT /api/schedules/{id}</c>.</summary>
public sealed record ScheduleRequest(
    string? Name,
    string? Template,
    IReadOnlyDictionary<string, JsonElement>? Params,
    string? Environment,
    string? Lane,
    string? Cron,
    string? TimeZone,
    bool? Enabled);

/// <summary>A schedule as the API shows it, with its next ticks.</summary>
public sealed record ScheduleView(
    Guid Id,
    string Name,
    string Template,
    IReadOnlyDictionary<string, JsonElement> Params,
    string? Environment,
    string? Lane,
    string Cron,
    string TimeZone,
    bool Enabled,
    string CreatedBy,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    IReadOnlyList<DateTime> NextFireTimes,
    DateTime? LastFiredAt,
    Guid? LastRunId,
    string? LastError);

/// <summary><c>GET /api/schedules</c>.</summary>
public sealed record SchedulePage(IReadOnlyList<ScheduleView> Items);

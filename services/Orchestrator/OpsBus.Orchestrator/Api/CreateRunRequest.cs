using System.Text.Json;

namespace OpsBus.Orchestrator.Api;

/// <summary>The body of <c>POST /api/runs</c>: a plan, or a template and its parameters, and where to run it.</summary>
public sealed record CreateRunRequest
{
    public PlanRequest? Plan { get; init; }

    /// <summary>A template slug: its latest version is rendered into the plan.</summary>
    public string? Template { get; init; }

    /// <summary>The template's parameters as JSON values (a number as a number, a boolean as true or false).</summary>
    public Dictionary<string, JsonElement>? Params { get; init; }

    public string? Environment { get; init; }

    /// <summary>The template's default lane, or <c>A</c> for a plan, unless given.</summary>
    public string? Lane { get; init; }

    public string? SessionId { get; init; }

    public int? Priority { get; init; }

    public int? MaxAttempts { get; init; }

    public int? HeartbeatTimeoutSeconds { get; init; }
}

public sealed record PlanRequest
{
    public List<PlanStepRequest?>? Steps { get; init; }
}

public sealed record PlanStepRequest
{
    public string? Id { get; init; }

    /// <summary>The step's id unless given.</summary>
    public string? Title { get; init; }

    public string? Phase { get; init; }

    public string? Action { get; init; }

    public Dictionary<string, JsonElement>? Inputs { get; init; }

    public int? TimeoutSeconds { get; init; }

    public bool? ContinueOnError { get; init; }
}

using System.Text.Json;

namespace OpsBus.Orchestrator.Api;

/// <summary>The body of <c>POST /api/runs</c>: a plan (or, later, a template and its parameters) and where to run it.</summary>
public sealed record CreateRunRequest
{
    public PlanRequest? Plan { get; init; }

    public string? Template { get; init; }

    public Dictionary<string, string>? Params { get; init; }

    public string? Environment { get; init; }

    /// <summary><c>A</c> unless given.</summary>
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

using OpsBus.Contracts;

namespace OpsBus.Orchestrator.Api;

/// <summary>
/// What <c>POST /api/runs</c> checks before it accepts a run, so an invalid request is refused at once (400)
/// instead of being accepted and failing later. One error per field, keyed by its JSON path.
/// </summary>
internal static class RunRequestValidation
{
    public const int MaxSteps = 200;
    public const int MaxStepIdLength = 128;
    public const int MaxActionLength = 128;
    public const int MaxTitleLength = 256;
    public const int MaxEnvironmentLength = 64;
    public const int MaxTemplateLength = 64;
    public const int MaxReasonLength = 500;
    public const string DefaultLane = "A";

    public static Dictionary<string, string[]> Validate(CreateRunRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors.TryAdd(field, [message]);

        if (request.Plan is null)
        {
            if (request.Template is null)
                Add("plan", "A plan or a template is required.");
            else if (request.Template.Length is 0 or > MaxTemplateLength)
                Add("template", $"A template slug is 1 to {MaxTemplateLength} characters.");
        }
        else
        {
            if (request.Template is not null)
                Add("template", "Send a plan or a template, not both.");
            if (request.Params is not null)
                Add("params", "Parameters apply to templates only.");
            ValidatePlan(request.Plan, Add);
        }

        if (request.Environment is { Length: > MaxEnvironmentLength })
            Add("environment", $"At most {MaxEnvironmentLength} characters.");
        if (request.Lane is not null && !Lanes.IsValid(request.Lane))
            Add("lane", "A lane is 1 to 32 letters, digits, '-' or '_'.");
        if (request.SessionId is not null && !SessionIds.IsValid(request.SessionId))
            Add("sessionId", "Not a session id.");
        if (request.MaxAttempts is < 1 or > 20)
            Add("maxAttempts", "Must be between 1 and 20.");
        if (request.HeartbeatTimeoutSeconds is < 5 or > 3600)
            Add("heartbeatTimeoutSeconds", "Must be between 5 and 3600.");
        return errors;
    }

    private static void ValidatePlan(PlanRequest plan, Action<string, string> add)
    {
        if (plan.Steps is not { Count: > 0 } steps)
        {
            add("plan.steps", "The plan needs at least one step.");
            return;
        }
        if (steps.Count > MaxSteps)
        {
            add("plan.steps", $"At most {MaxSteps} steps.");
            return;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < steps.Count; i++)
        {
            var field = $"plan.steps[{i}]";
            if (steps[i] is not { } step)
            {
                add(field, "A step is required.");
                continue;
            }
            if (string.IsNullOrWhiteSpace(step.Id))
                add(field + ".id", "Required.");
            else if (step.Id.Length > MaxStepIdLength)
                add(field + ".id", $"At most {MaxStepIdLength} characters.");
            else if (!ids.Add(step.Id))
                add(field + ".id", $"Step id '{step.Id}' is used twice.");
            if (step.Title is { Length: > MaxTitleLength })
                add(field + ".title", $"At most {MaxTitleLength} characters.");
            if (step.Phase is null || RunPhases.IndexOf(step.Phase) < 0)
                add(field + ".phase", "Must be one of " + string.Join(", ", RunPhases.Ordered) + ".");
            if (string.IsNullOrWhiteSpace(step.Action))
                add(field + ".action", "Required.");
            else if (step.Action.Length > MaxActionLength)
                add(field + ".action", $"At most {MaxActionLength} characters.");
            if (step.TimeoutSeconds is < 1 or > 86_400)
                add(field + ".timeoutSeconds", "Must be between 1 and 86400.");
        }
    }

    /// <summary>The plan of a request that passed <see cref="Validate"/>.</summary>
    public static RunPlan ToPlan(PlanRequest plan) =>
        new(plan.Steps!.Select(step => new PlanStep(
                step!.Id!,
                string.IsNullOrWhiteSpace(step.Title) ? step.Id! : step.Title,
                step.Phase!,
                step.Action!,
                step.Inputs,
                step.TimeoutSeconds,
                step.ContinueOnError ?? false))
            .ToList());
}

using System.Text.Json;
using MassTransit;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Api;
using OpsBus.Orchestrator.Templates;
using OpsBus.Runbooks.Templates;

namespace OpsBus.Orchestrator.Schedules;

/// <summary>What a schedule runs: its template rendered now (latest version), requested as the schedule's owner.</summary>
internal sealed class ScheduledRuns(TemplateStore templates, TemplateRunPlanner planner, RunAcceptance acceptance, TimeProvider clock)
{
    private const int MaxNameLength = 128;

    /// <summary>Field errors of a schedule request; empty when it may be stored.</summary>
    public async Task<Dictionary<string, string[]>> ValidateAsync(ScheduleRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > MaxNameLength)
            errors["name"] = [$"Required, at most {MaxNameLength} characters."];
        if (!CronSchedule.TryParse(request.Cron, request.TimeZone, out _, out var field, out var cronError))
            errors[field!] = [cronError!];
        if (request.Lane is not null && !Lanes.IsValid(request.Lane))
            errors["lane"] = [$"'{request.Lane}' is not a lane name."];
        if (string.IsNullOrWhiteSpace(request.Template))
        {
            errors["template"] = ["Required: the slug of the template to run."];
            return errors;
        }

        var stored = await templates.FindAsync(request.Template, version: null, cancellationToken);
        if (stored is null)
        {
            errors["template"] = [$"No template '{request.Template}'."];
            return errors;
        }

        foreach (var secret in stored.Template.Parameters.Where(p => p.Type == ParameterTypes.Secret && request.Params?.ContainsKey(p.Key) == true))
            errors[$"params.{secret.Key}"] = ["A schedule cannot hold a secret: it would have to be stored. Give the worker the credential in its configuration instead."];
        foreach (var (key, messages) in TemplateParameterValidator.Validate(stored.Template, request.Params, request.Environment).Errors)
            errors.TryAdd(key, messages);
        return errors;
    }

    /// <summary>Requests the run of one tick. Idempotent per tick: a second call for the same tick answers the same run.</summary>
    public async Task<ScheduledRunOutcome> SubmitAsync(RunScheduleRecord schedule, DateTime fireAt, CancellationToken cancellationToken)
    {
        var parameters = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(schedule.ParametersJson);
        var planning = await planner.PlanAsync(schedule.Template, parameters, schedule.Environment, cancellationToken);
        if (planning.Plan is not { } plan)
        {
            var reason = planning.Unavailable
                ?? string.Join(" ", planning.Errors!.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
            return new ScheduledRunOutcome(null, $"Not run: {reason}");
        }

        var idempotencyKey = $"schedule-{schedule.Id:N}-{fireAt:yyyyMMddTHHmmssZ}";
        var requestHash = IdempotencyKeys.Hash(new { schedule = schedule.Id, fireAt }, RunSnapshots.Json);
        var accepted = await acceptance.FindEarlierAsync(schedule.CreatedBy, idempotencyKey, requestHash, cancellationToken)
            ?? await acceptance.AcceptAsync(new RunRequested(
                NewId.NextGuid(),
                plan.Rendered.Plan,
                plan.Template.Template.Slug,
                plan.DisplayParameters,
                plan.Environment,
                schedule.Lane ?? plan.Template.Template.DefaultLane,
                RequestedBy: schedule.CreatedBy,
                IdempotencyKey: idempotencyKey,
                RequestedAt: clock.GetUtcNow().UtcDateTime,
                TemplateVersion: plan.Template.Version,
                PlanHash: plan.Rendered.PlanHash,
                Risk: plan.Template.Template.Risk,
                RequiresApproval: plan.RequiresApproval), requestHash, cancellationToken);
        return new ScheduledRunOutcome(accepted.Run?.Id, accepted.Run is null ? "Not run: the tick's idempotency key was reused." : null);
    }
}

/// <summary>The run a tick requested, or why it requested none.</summary>
internal sealed record ScheduledRunOutcome(Guid? RunId, string? Error);

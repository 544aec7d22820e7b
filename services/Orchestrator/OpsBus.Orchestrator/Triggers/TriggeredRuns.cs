using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Api;
using OpsBus.Orchestrator.Persistence;
using OpsBus.Orchestrator.Templates;

namespace OpsBus.Orchestrator.Triggers;

/// <summary>
/// The run a rule requests for a delivery: its template rendered with the mapped parameters through the same planner as
/// <c>POST /api/runs</c>, requested as <c>github:&lt;sender&gt;</c> with the delivery recorded as its trigger. The run id
/// is derived from the delivery and the rule, and the request is idempotent on them, so a redelivery handled at the same
/// time as the first delivery still makes one run.
/// </summary>
internal sealed class TriggeredRuns(
    OrchestratorDbContext db, TemplateStore templates, TemplateRunPlanner planner, RunAcceptance acceptance, TimeProvider clock)
{
    public const string RequesterPrefix = "github:";

    public async Task<TriggeredRunOutcome> RequestAsync(TriggerRecord rule, GitHubEventFacts facts, string deliveryId, CancellationToken cancellationToken)
    {
        var stored = await templates.FindAsync(rule.Template, version: null, cancellationToken);
        if (stored is null)
            return Refused($"template: no template '{rule.Template}' any more.");
        var parameters = ParameterMapping.Render(TriggerRules.ParametersOf(rule), stored.Template, facts, out var mappingError);
        if (mappingError is not null)
            return Refused(mappingError);
        var planning = await planner.PlanAsync(rule.Template, parameters, rule.Environment, cancellationToken);
        if (planning.Plan is not { } plan)
            return Refused(planning.Unavailable ?? string.Join(" ", planning.Errors!.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));

        var lane = rule.Lane ?? plan.Template.Template.DefaultLane;
        if (rule.SessionId is { } sessionId)
        {
            var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
            if (session is null || session.ArchivedAt is not null)
                return Refused($"sessionId: session '{sessionId}' is gone or archived.");
            if (session.Lanes.FirstOrDefault(l => string.Equals(l, lane, StringComparison.OrdinalIgnoreCase)) is not { } sessionLane)
                return Refused($"lane: session '{sessionId}' has no lane '{lane}'.");
            lane = sessionLane;
        }

        var requestedBy = RequesterPrefix + facts.Sender;
        var idempotencyKey = $"github-{deliveryId}-{rule.Id:N}";
        var requestHash = IdempotencyKeys.Hash(new { delivery = deliveryId, trigger = rule.Id }, RunSnapshots.Json);
        var accepted = await acceptance.FindEarlierAsync(requestedBy, idempotencyKey, requestHash, cancellationToken)
            ?? await acceptance.AcceptAsync(new RunRequested(
                RunIdFor(deliveryId, rule.Id),
                plan.Rendered.Plan,
                plan.Template.Template.Slug,
                plan.DisplayParameters,
                plan.Environment,
                lane,
                SessionId: rule.SessionId,
                RequestedBy: requestedBy,
                IdempotencyKey: idempotencyKey,
                RequestedAt: clock.GetUtcNow().UtcDateTime,
                TemplateVersion: plan.Template.Version,
                PlanHash: plan.Rendered.PlanHash,
                Risk: plan.Template.Template.Risk,
                RequiresApproval: plan.RequiresApproval,
                Trigger: new RunTrigger(facts.Event, deliveryId, facts.Repository, facts.Ref, facts.Sha, rule.Id)), requestHash, cancellationToken);
        return accepted.Run is { } run ? new TriggeredRunOutcome(run.Id, null) : Refused("The delivery's idempotency key was used by another request.");
    }

    /// <summary>A name-based id (RFC 9562 version 8) of the delivery and the rule: the same pair always names the same run.</summary>
    public static Guid RunIdFor(string deliveryId, Guid triggerId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"github-delivery:{deliveryId}:{triggerId:N}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    private static TriggeredRunOutcome Refused(string error) => new(null, error);
}

/// <summary>The run a rule requested for a delivery, or why it requested none.</summary>
internal sealed record TriggeredRunOutcome(Guid? RunId, string? Error);

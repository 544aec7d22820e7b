using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Persistence;

namespace OpsBus.Orchestrator.Triggers;

/// <summary>
/// Evaluates the trigger rules for a verified GitHub delivery. The delivery id is recorded first; once a delivery is
/// handled, a redelivery of it stops there. A delivery interrupted half-way is handled again when redelivered, and the
/// rules it already evaluated are skipped; the runs themselves are idempotent on the delivery and the rule anyway.
/// A rule whose run cannot be requested records why (<c>GET /api/triggers/{id}/deliveries</c>); nothing here throws for bad input.
/// </summary>
internal sealed partial class GitHubDeliveryConsumer(
    OrchestratorDbContext db,
    TriggerRules rules,
    TriggeredRuns runs,
    TimeProvider clock,
    ILogger<GitHubDeliveryConsumer> logger) : IConsumer<HandleGitHubDelivery>
{
    public async Task Consume(ConsumeContext<HandleGitHubDelivery> context)
    {
        var delivery = context.Message;
        var cancellationToken = context.CancellationToken;
        if (!await RecordAsync(delivery, cancellationToken))
        {
            LogRedelivery(delivery.DeliveryId, delivery.Event);
            return;
        }

        if (Read(delivery, out var ignored) is not { } facts)
        {
            await MarkHandledAsync(delivery.DeliveryId, ignored, cancellationToken);
            LogIgnored(delivery.DeliveryId, delivery.Event, ignored!);
            return;
        }

        foreach (var rule in await rules.MatchingAsync(facts, cancellationToken))
        {
            if (await db.TriggerEvaluations.AnyAsync(e => e.TriggerId == rule.Id && e.DeliveryId == delivery.DeliveryId, cancellationToken))
                continue;
            var outcome = await runs.RequestAsync(rule, facts, delivery.DeliveryId, cancellationToken);
            await RecordEvaluationAsync(rule, facts, delivery.DeliveryId, outcome, cancellationToken);
            LogEvaluated(delivery.DeliveryId, rule.Id, rule.Name, outcome.RunId, outcome.Error);
        }
        await MarkHandledAsync(delivery.DeliveryId, null, cancellationToken);
    }

    /// <summary>False when the delivery was already handled.</summary>
    private async Task<bool> RecordAsync(HandleGitHubDelivery delivery, CancellationToken cancellationToken)
    {
        var existing = await db.GitHubDeliveries.AsNoTracking().SingleOrDefaultAsync(d => d.DeliveryId == delivery.DeliveryId, cancellationToken);
        if (existing is not null)
            return existing.HandledAt is null;

        db.GitHubDeliveries.Add(new GitHubDeliveryRecord { DeliveryId = delivery.DeliveryId, Event = delivery.Event, ReceivedAt = delivery.ReceivedAt });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // The same delivery, recorded meanwhile by a concurrent handler: go on only if it has not finished.
            db.ChangeTracker.Clear();
            var winner = await db.GitHubDeliveries.AsNoTracking().SingleAsync(d => d.DeliveryId == delivery.DeliveryId, cancellationToken);
            return winner.HandledAt is null;
        }
    }

    private static GitHubEventFacts? Read(HandleGitHubDelivery delivery, out string? ignored)
    {
        try
        {
            using var payload = JsonDocument.Parse(delivery.Payload);
            return GitHubEvents.Read(delivery.Event, payload.RootElement, out ignored);
        }
        catch (JsonException)
        {
            ignored = "the payload is not JSON";
            return null;
        }
    }

    private async Task RecordEvaluationAsync(
        TriggerRecord rule, GitHubEventFacts facts, string deliveryId, TriggeredRunOutcome outcome, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        db.TriggerEvaluations.Add(new TriggerEvaluationRecord
        {
            TriggerId = rule.Id,
            DeliveryId = deliveryId,
            Event = facts.Event,
            Action = facts.Action,
            Repository = facts.Repository,
            Ref = facts.Ref,
            Sha = facts.Sha,
            EvaluatedAt = clock.GetUtcNow().UtcDateTime,
            RunId = outcome.RunId,
            Error = outcome.Error,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent handler of the same delivery recorded it first; its run is this one (same id).
            db.ChangeTracker.Clear();
        }
    }

    private Task MarkHandledAsync(string deliveryId, string? ignored, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.GitHubDeliveries.Where(d => d.DeliveryId == deliveryId)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.HandledAt, now).SetProperty(d => d.Ignored, ignored), cancellationToken);
    }

    [LoggerMessage(LogLevel.Information, "GitHub delivery {DeliveryId} ({Event}) was already handled: redelivery ignored")]
    partial void LogRedelivery(string deliveryId, string @event);

    [LoggerMessage(LogLevel.Information, "GitHub delivery {DeliveryId} ({Event}) ignored: {Reason}")]
    partial void LogIgnored(string deliveryId, string @event, string reason);

    [LoggerMessage(LogLevel.Information, "GitHub delivery {DeliveryId} matched trigger {TriggerId} ({TriggerName}): run {RunId} {Error}")]
    partial void LogEvaluated(string deliveryId, Guid triggerId, string triggerName, Guid? runId, string? error);
}

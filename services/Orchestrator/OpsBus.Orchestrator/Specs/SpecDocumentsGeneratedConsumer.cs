using MassTransit;
using Microsoft.Extensions.Logging;
using OpsBus.Contracts;

namespace OpsBus.Orchestrator.Specs;

/// <summary>
/// Keeps the documents a <c>spec.generate</c> step generated as the spec documents <c>&lt;feature&gt;/&lt;name&gt;</c>
/// (<c>prd.md</c> → <c>deploy-freeze/prd</c>), authored by the run. Idempotent: a redelivery stores nothing new. A save that
/// lost a race with another writer is retried (the definition's retry), and then finds either its content or the other's.
/// </summary>
public sealed class SpecDocumentsGeneratedConsumer(SpecDocStore store, ILogger<SpecDocumentsGeneratedConsumer> logger) : IConsumer<SpecDocumentsGenerated>
{
    public async Task Consume(ConsumeContext<SpecDocumentsGenerated> context)
    {
        var message = context.Message;
        foreach (var document in message.Documents)
        {
            var slug = $"{message.Feature}/{Path.GetFileNameWithoutExtension(document.File)}";
            var problem = SpecDocSlugs.Problem(slug)
                ?? SpecDocSlugs.Errors(document.Title, document.Content).Values.SelectMany(e => e).FirstOrDefault();
            if (problem is not null)
            {
                logger.LogWarning("Run {RunId} generated the spec document {Slug}, which cannot be kept: {Problem}", message.RunId, slug, problem);
                continue;
            }

            var (outcome, _) = await store.SaveAsync(slug, document.Title, document.Content, message.GeneratedBy, expectedVersion: null, context.CancellationToken);
            if (outcome == SpecDocSave.Conflict)
                throw new InvalidOperationException($"The spec document {slug} was saved by another writer meanwhile; retrying.");
        }
    }
}

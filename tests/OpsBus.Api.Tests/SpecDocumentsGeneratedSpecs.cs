using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Specs;
using OpsBus.Runbooks.SpecKit;
using OpsBus.Testing;

namespace OpsBus.Api.Tests;

public sealed class When_a_run_generates_spec_documents
{
    private static readonly IReadOnlyList<SpecDocument> Documents = SpecKitGenerator.Generate(
        new SpecKitRequest("Deploy freeze", "Deploys during a freeze window break releases.", ["Block deploys in a freeze window"], []));

    [Fact]
    public async Task Should_keep_each_as_a_document_of_the_feature_authored_by_the_run_and_store_a_redelivery_once()
    {
        await using var api = await ApiHost.StartAsync();
        var consumed = new ConsumedMessages();
        var bus = api.Services.GetRequiredService<IBus>();
        using var observer = bus.ConnectConsumeMessageObserver(consumed);
        var runId = NewId.NextGuid();
        var generated = Generated(runId, Documents);

        await bus.Publish(generated);
        await consumed.WaitFor(1);
        await bus.Publish(generated);
        await consumed.WaitFor(2);
        var regenerated = Generated(NewId.NextGuid(), Documents.Select(d => d.FileName == "tasks.md" ? d with { Content = d.Content + "\nMore.\n" } : d).ToList());
        await bus.Publish(regenerated);
        await consumed.WaitFor(3);

        var reader = api.As("audrey:auditor");
        var list = await reader.Get<SpecDocList>("/api/spec-docs?prefix=deploy-freeze/");
        Assert.Equal(["deploy-freeze/constitution", "deploy-freeze/plan", "deploy-freeze/prd", "deploy-freeze/tasks"], list.Items.Select(d => d.Slug));
        Assert.All(list.Items.Where(d => d.Slug != "deploy-freeze/tasks"), d => Assert.Equal((1, $"run:{runId}"), (d.Version, d.UpdatedBy)));
        var prd = await reader.Get<SpecDocView>("/api/spec-docs/deploy-freeze/prd");
        Assert.Equal(("Deploy freeze — product requirements", Documents.Single(d => d.FileName == "prd.md").Content), (prd.Title, prd.Content));
        var tasks = await reader.Get<SpecDocVersionList>("/api/spec-docs/deploy-freeze/tasks/versions");
        Assert.Equal([(2, regenerated.GeneratedBy), (1, $"run:{runId}")], tasks.Items.Select(v => (v.Version, v.CreatedBy)));
    }

    private static SpecDocumentsGenerated Generated(Guid runId, IReadOnlyList<SpecDocument> documents) => new(
        runId, "deploy-freeze",
        documents.Select(d => new GeneratedSpecDocument(d.FileName, MarkdownOutline.Parse(d.Content).Title!, d.Content)).ToList(),
        $"run:{runId}");

    /// <summary>Counts the <see cref="SpecDocumentsGenerated"/> the orchestrator finished consuming.</summary>
    private sealed class ConsumedMessages : IConsumeMessageObserver<SpecDocumentsGenerated>
    {
        private int _count;

        public Task WaitFor(int count) =>
            Eventually.True(() => Task.FromResult(Volatile.Read(ref _count) >= count), TimeSpan.FromSeconds(30), $"{count} SpecDocumentsGenerated consumed");

        public Task PreConsume(ConsumeContext<SpecDocumentsGenerated> context) => Task.CompletedTask;

        public Task PostConsume(ConsumeContext<SpecDocumentsGenerated> context)
        {
            Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }

        public Task ConsumeFault(ConsumeContext<SpecDocumentsGenerated> context, Exception exception) => Task.CompletedTask;
    }
}

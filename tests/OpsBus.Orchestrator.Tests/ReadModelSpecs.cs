using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Persistence;
using OpsBus.Testing;

namespace OpsBus.Orchestrator.Tests;

public sealed class When_read_model_messages_are_redelivered_or_late
{
    [Fact]
    public async Task Should_store_each_log_line_once_by_run_and_sequence()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync();
        var runId = await orchestrator.RequestRun();
        var lines = Enumerable.Range(1, 3)
            .Select(n => new RunLogLine(RunLogLine.SequenceOf(1, n), DateTime.UtcNow, "info", "greet", $"line {n}"))
            .ToList();

        await orchestrator.Publish(new RunLogAppended(runId, 1, lines));
        await orchestrator.Publish(new RunLogAppended(runId, 1, lines));

        await Eventually.True(() => Task.FromResult(Consumed(orchestrator, runId).Count == 2), TimeSpan.FromSeconds(10), "both batches consumed");
        Assert.All(Consumed(orchestrator, runId), exception => Assert.Null(exception));
        var stored = await Read(orchestrator, db => db.RunLogLines.Where(l => l.RunId == runId).OrderBy(l => l.Seq).Select(l => l.Message).ToListAsync());
        Assert.Equal(["line 1", "line 2", "line 3"], stored);
    }

    [Fact]
    public async Task Should_never_let_an_older_attempt_overwrite_a_newer_step()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync();
        var runId = await orchestrator.RequestRun();
        await Eventually.True(async () => await Read(orchestrator, db => db.RunSteps.AnyAsync(s => s.RunId == runId)), TimeSpan.FromSeconds(10), "steps stored");

        await orchestrator.Publish(new RunStepFinished(runId, 2, "greet", "succeeded", null, DateTime.UtcNow));
        await Eventually.True(async () => await Read(orchestrator, db => db.RunSteps.AnyAsync(s => s.RunId == runId && s.Attempt == 2)),
            TimeSpan.FromSeconds(10), "attempt 2 recorded");
        await orchestrator.Publish(new RunStepStarted(runId, 1, "greet", RunPhases.Action, DateTime.UtcNow));
        await orchestrator.Publish(new RunStepFinished(runId, 1, "greet", "failed", "late", DateTime.UtcNow));
        await Eventually.True(() => Task.FromResult(orchestrator.Harness.Consumed.Select<RunStepFinished>(OrchestratorHarness.Recorded)
            .Count(m => m.Context.Message.RunId == runId) == 2), TimeSpan.FromSeconds(10), "the late step event consumed");

        var step = await Read(orchestrator, db => db.RunSteps.SingleAsync(s => s.RunId == runId && s.StepId == "greet"));
        Assert.Equal(("succeeded", 2, (string?)null), (step.Status, step.Attempt, step.Error));
        Assert.Equal("Say hello", step.Title);
    }

    private static List<Exception?> Consumed(OrchestratorHarness orchestrator, Guid runId) =>
        orchestrator.Harness.Consumed.Select<RunLogAppended>(OrchestratorHarness.Recorded)
            .Where(m => m.Context.Message.RunId == runId).Select(m => (Exception?)m.Exception).ToList();

    private static async Task<T> Read<T>(OrchestratorHarness orchestrator, Func<OrchestratorDbContext, Task<T>> query)
    {
        await using var scope = orchestrator.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>());
    }
}

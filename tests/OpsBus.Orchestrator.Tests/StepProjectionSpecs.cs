using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Persistence;
using OpsBus.Orchestrator.ReadModel;
using OpsBus.Testing;

namespace OpsBus.Orchestrator.Tests;

public sealed class When_one_batch_holds_several_events_of_one_step
{
    [Fact]
    public async Task Should_store_the_newest_attempt()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync();
        await StoresTheNewestAttempt(orchestrator);
    }

    /// <summary>PostgreSQL refuses an INSERT ... ON CONFLICT DO UPDATE that touches one row twice: the batch must be folded.</summary>
    [Fact]
    [Trait("Category", "Integration")]
    public async Task Should_store_the_newest_attempt_on_postgresql()
    {
        await using var database = await TestPostgres.CreateAsync();
        await using var orchestrator = await OrchestratorHarness.StartAsync(postgresConnectionString: database.ConnectionString);
        await StoresTheNewestAttempt(orchestrator);
    }

    private static async Task StoresTheNewestAttempt(OrchestratorHarness orchestrator)
    {
        var step = new OneStep();
        await using var projection = StepProjection.Open(orchestrator);

        await projection.Store([step.Requested, step.Requested]);
        await projection.Store([step.Started(1), step.Started(2), step.Started(2)]);
        await projection.Store([step.Finished(2, "succeeded"), step.Finished(1, "failed", "boom"), step.Finished(2, "succeeded")]);

        Assert.Equal(step.Expected("succeeded", 2, started: true), await projection.State(step.RunId));
    }
}

public sealed class When_step_events_are_stored_in_any_order
{
    [Fact]
    public async Task Should_end_in_the_same_state_whatever_the_order()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync();
        await EndsTheSameInEveryOrder(orchestrator);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Should_end_in_the_same_state_whatever_the_order_on_postgresql()
    {
        await using var database = await TestPostgres.CreateAsync();
        await using var orchestrator = await OrchestratorHarness.StartAsync(postgresConnectionString: database.ConnectionString);
        await EndsTheSameInEveryOrder(orchestrator);
    }

    /// <summary>
    /// Every order of the plan, a failed attempt 1 and a second attempt, each message in a batch of its own: a second attempt
    /// that ran the step ends with its own start and end, one that skipped it (no start) with no start time at all.
    /// </summary>
    private static async Task EndsTheSameInEveryOrder(OrchestratorHarness orchestrator)
    {
        await using var projection = StepProjection.Open(orchestrator);
        var wrong = new List<string>();
        foreach (var (secondAttempt, expectedStart) in new[] { ("succeeded", true), ("skipped", false) })
        {
            var names = expectedStart ? new[] { "plan", "started 1", "finished 1", "started 2", "finished 2" } : ["plan", "started 1", "finished 1", "finished 2"];
            foreach (var order in Permutations(names))
            {
                var step = new OneStep();
                foreach (var name in order)
                    await Store(projection, step, name, secondAttempt);
                var state = await projection.State(step.RunId);
                if (state != step.Expected(secondAttempt, 2, started: expectedStart))
                    wrong.Add($"{string.Join(", ", order)} → {state}");
            }
        }
        Assert.Empty(wrong);
    }

    private static Task Store(StepProjection projection, OneStep step, string name, string secondAttempt) => name switch
    {
        "plan" => projection.Store([step.Requested]),
        "started 1" => projection.Store([step.Started(1)]),
        "finished 1" => projection.Store([step.Finished(1, "failed", "boom")]),
        "started 2" => projection.Store([step.Started(2)]),
        "finished 2" => projection.Store([step.Finished(2, secondAttempt)]),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static IEnumerable<IReadOnlyList<string>> Permutations(IReadOnlyList<string> items) =>
        items.Count <= 1
            ? [items]
            : items.SelectMany((first, i) => Permutations([.. items.Where((_, j) => j != i)]).Select(rest => (IReadOnlyList<string>)[first, .. rest]));
}

public sealed class When_an_older_attempt_reports_after_a_newer_one
{
    [Fact]
    public async Task Should_keep_the_newer_attempt()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync();
        await KeepsTheNewerAttempt(orchestrator);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Should_keep_the_newer_attempt_on_postgresql()
    {
        await using var database = await TestPostgres.CreateAsync();
        await using var orchestrator = await OrchestratorHarness.StartAsync(postgresConnectionString: database.ConnectionString);
        await KeepsTheNewerAttempt(orchestrator);
    }

    private static async Task KeepsTheNewerAttempt(OrchestratorHarness orchestrator)
    {
        var step = new OneStep();
        await using var projection = StepProjection.Open(orchestrator);

        await projection.Store([step.Requested]);
        await projection.Store([step.Started(3)]);
        await projection.Store([step.Started(1), step.Started(2)]);
        await projection.Store([step.Finished(2, "failed", "late"), step.Finished(1, "failed", "later")]);

        Assert.Equal(step.Expected("running", 3, started: true), await projection.State(step.RunId));
    }
}

public sealed class When_a_batch_holds_a_step_event_the_table_cannot_hold
{
    [Fact]
    public async Task Should_store_the_other_events_of_the_batch()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync();
        await StoresTheOthers(orchestrator);
    }

    /// <summary>PostgreSQL, unlike SQLite, refuses a step id longer than its column and text holding NUL.</summary>
    [Fact]
    [Trait("Category", "Integration")]
    public async Task Should_store_the_other_events_of_the_batch_on_postgresql()
    {
        await using var database = await TestPostgres.CreateAsync();
        await using var orchestrator = await OrchestratorHarness.StartAsync(postgresConnectionString: database.ConnectionString);
        await StoresTheOthers(orchestrator);
    }

    private static async Task StoresTheOthers(OrchestratorHarness orchestrator)
    {
        var step = new OneStep();
        await using var projection = StepProjection.Open(orchestrator);
        var at = step.Started(1).Timestamp;

        await projection.Store([
            new RunStepStarted(step.RunId, 1, null!, RunPhases.Action, at),
            new RunStepStarted(step.RunId, 1, new string('x', 129), RunPhases.Action, at),
            new RunStepStarted(step.RunId, 1, "nul\0step", RunPhases.Action, at),
            step.Started(1),
        ]);
        await projection.Store([
            new RunStepFinished(step.RunId, 1, "other", null!, null, at),
            step.Finished(1, "failed", "bad\0error"),
        ]);

        Assert.Equal(["greet"], await projection.StepIds(step.RunId));
        var state = await projection.State(step.RunId);
        Assert.Equal(("failed", 1, "bad\uFFFDerror"), (state.Status, state.Attempt, state.Error));
    }
}

public sealed class When_a_busy_orchestrator_receives_many_step_events_at_once
{
    [Fact]
    public async Task Should_store_every_step_through_its_batches()
    {
        const int steps = 40;
        await using var orchestrator = await OrchestratorHarness.StartAsync();
        var plan = OrchestratorHarness.Plan([.. Enumerable.Range(1, steps).Select(n => OrchestratorHarness.Echo($"step-{n}", $"number {n}"))]);
        var runId = await orchestrator.RequestRun(plan: plan);
        var at = DateTime.UtcNow;

        await Task.WhenAll(plan.Steps.SelectMany(s => new[]
        {
            orchestrator.Publish(new RunStepStarted(runId, 1, s.Id, s.Phase, at)),
            orchestrator.Publish(new RunStepFinished(runId, 1, s.Id, "succeeded", null, at.AddSeconds(1))),
            orchestrator.Publish(new RunStepFinished(runId, 1, s.Id, "succeeded", null, at.AddSeconds(1))),
        }));

        await Eventually.True(() => Task.FromResult(
                orchestrator.Harness.Consumed.Select<RunStepStarted>(OrchestratorHarness.Recorded).Count(m => m.Context.Message.RunId == runId) == steps
                && orchestrator.Harness.Consumed.Select<RunStepFinished>(OrchestratorHarness.Recorded).Count(m => m.Context.Message.RunId == runId) == 2 * steps),
            TimeSpan.FromSeconds(30), "every step event consumed");
        Assert.DoesNotContain(orchestrator.Harness.Consumed.Select<RunStepFinished>(OrchestratorHarness.Recorded), m => m.Exception is not null);

        await using var projection = StepProjection.Open(orchestrator);
        var stored = await Eventually.Get(async () =>
        {
            var rows = await projection.Steps(runId);
            return rows.Count == steps && rows.All(r => r.Title != "") ? rows : null;
        }, TimeSpan.FromSeconds(30), "the plan stored");
        Assert.All(stored, s => Assert.Equal(("succeeded", 1, at, at.AddSeconds(1)), (s.Status, s.Attempt, s.StartedAt, s.FinishedAt)));
        Assert.Equal(plan.Steps.Select(s => s.Id), stored.OrderBy(s => s.Ordinal).Select(s => s.StepId));
    }
}

/// <summary>One step, "greet", of a new run, with its events in whole seconds (both databases keep them exactly).</summary>
internal sealed class OneStep
{
    private static readonly DateTime Start = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    public Guid RunId { get; } = NewId.NextGuid();

    public RunRequested Requested => new(RunId, OrchestratorHarness.Plan(), RequestedBy: "test", RequestedAt: Start);

    public RunStepStarted Started(int attempt) => new(RunId, attempt, "greet", RunPhases.Action, Start.AddMinutes(attempt));

    public RunStepFinished Finished(int attempt, string status, string? error = null) =>
        new(RunId, attempt, "greet", status, error, Start.AddMinutes(attempt).AddSeconds(30));

    /// <summary>The state the step ends in when <paramref name="attempt"/> is the newest it heard of.</summary>
    public StepState Expected(string status, int attempt, bool started) =>
        new(status, attempt, started ? Started(attempt).Timestamp : null, status == "running" ? null : Finished(attempt, status).Timestamp, null,
            "Say hello", RunPhases.Action, "echo", 0);
}

internal sealed record StepState(string Status, int Attempt, DateTime? StartedAt, DateTime? FinishedAt, string? Error, string Title, string Phase,
    string Action, int Ordinal);

/// <summary>The orchestrator's step projection, handed batches directly, so a test decides what one batch holds.</summary>
internal sealed class StepProjection(AsyncServiceScope scope) : IAsyncDisposable
{
    private readonly RunProjection _projection = scope.ServiceProvider.GetRequiredService<RunProjection>();

    private readonly OrchestratorDbContext _db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();

    public static StepProjection Open(OrchestratorHarness orchestrator) => new(orchestrator.Services.CreateAsyncScope());

    public Task Store(IReadOnlyCollection<RunRequested> batch) => _projection.StoreAsync(batch, CancellationToken.None);

    public Task Store(IReadOnlyCollection<RunStepStarted> batch) => _projection.StoreAsync(batch, CancellationToken.None);

    public Task Store(IReadOnlyCollection<RunStepFinished> batch) => _projection.StoreAsync(batch, CancellationToken.None);

    public Task<List<RunStepRecord>> Steps(Guid runId) => _db.RunSteps.AsNoTracking().Where(s => s.RunId == runId).ToListAsync();

    public async Task<List<string>> StepIds(Guid runId) => [.. (await Steps(runId)).Select(s => s.StepId)];

    public async Task<StepState> State(Guid runId)
    {
        var s = (await Steps(runId)).Single(s => s.StepId == "greet");
        return new StepState(s.Status, s.Attempt, s.StartedAt, s.FinishedAt, s.Error, s.Title, s.Phase, s.Action, s.Ordinal);
    }

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}

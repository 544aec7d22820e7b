using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Persistence;
using OpsBus.Orchestrator.Schedules;
using OpsBus.Testing;

namespace OpsBus.Api.Tests;

public sealed class When_an_operator_schedules_a_template
{
    private static object Hourly(string name = "nightly hello", string cron = "0 3 * * *", string timeZone = "Europe/Paris") =>
        new { name, template = "hello", @params = new { name = "cron" }, cron, timeZone };

    [Fact]
    public async Task Should_store_it_and_show_its_next_ticks_in_its_time_zone()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");

        using var response = await alice.Post("/api/schedules", Hourly());

        await ApiClient.Expect(response, HttpStatusCode.Created);
        var schedule = (await response.Content.ReadFromJsonAsync<ScheduleView>(ApiClient.Json))!;
        Assert.Equal($"/api/schedules/{schedule.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(5, schedule.NextFireTimes.Count);
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        Assert.All(schedule.NextFireTimes, t => Assert.Equal(3, TimeZoneInfo.ConvertTimeFromUtc(t, paris).Hour));
        Assert.Equal(schedule.NextFireTimes.Order(), schedule.NextFireTimes);
        Assert.Equal("alice", schedule.CreatedBy);

        Assert.Single((await alice.Get<SchedulePage>("/api/schedules")).Items);
        Assert.Empty((await api.As("bob:operator").Get<SchedulePage>("/api/schedules")).Items);
        await ApiClient.ExpectProblem(await api.As("bob:operator").Get($"/api/schedules/{schedule.Id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Should_refuse_what_it_cannot_run_with_one_error_per_field()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");

        Assert.Contains("cron", await ApiClient.ExpectInvalidFields(await alice.Post("/api/schedules", Hourly(cron: "every day"))));
        Assert.Contains("timeZone", await ApiClient.ExpectInvalidFields(await alice.Post("/api/schedules", Hourly(timeZone: "Mars/Olympus"))));
        Assert.Contains("template", await ApiClient.ExpectInvalidFields(await alice.Post("/api/schedules",
            new { name = "x", template = "no-such-template", cron = "0 3 * * *" })));
        Assert.Contains("params.nope", await ApiClient.ExpectInvalidFields(await alice.Post("/api/schedules",
            new { name = "x", template = "hello", @params = new { nope = 1 }, cron = "0 3 * * *" })));
        Assert.Contains("name", await ApiClient.ExpectInvalidFields(await alice.Post("/api/schedules",
            new { template = "hello", cron = "0 3 * * *" })));
        await ApiClient.ExpectProblem(await api.As("audrey:auditor").Post("/api/schedules", Hourly()), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Should_run_the_template_on_every_tick_until_deleted()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");
        using var created = await alice.Post("/api/schedules", Hourly(name: "every two seconds", cron: "*/2 * * * * *", timeZone: "UTC"));
        var schedule = (await created.Content.ReadFromJsonAsync<ScheduleView>(ApiClient.Json))!;

        var runs = await Eventually.Get(async () =>
        {
            var page = await alice.Get<RunPage>("/api/runs?template=hello");
            return page.Items.Count(r => r.Status == RunStatuses.Succeeded) >= 2 ? page.Items : null;
        }, TimeSpan.FromSeconds(30), "two scheduled runs succeeded");
        Assert.All(runs, r => Assert.Equal("alice", r.RequestedBy));

        await ApiClient.Expect(await alice.Http.DeleteAsync($"/api/schedules/{schedule.Id}"), HttpStatusCode.NoContent);
        await ApiClient.ExpectProblem(await alice.Get($"/api/schedules/{schedule.Id}"), HttpStatusCode.NotFound);
    }
}

public sealed class When_a_schedule_tick_arrives
{
    private static async Task<(ApiHost Api, RunScheduleRecord Schedule)> StartWithSchedule(string cron)
    {
        var api = await ApiHost.StartAsync();
        using var created = await api.As("alice:operator").Post("/api/schedules",
            new { name = "tick", template = "hello", cron, timeZone = "UTC" });
        var view = (await created.Content.ReadFromJsonAsync<ScheduleView>(ApiClient.Json))!;
        return (api, await Load(api, view.Id));
    }

    private static async Task<RunScheduleRecord> Load(ApiHost api, Guid id)
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Schedules.AsNoTracking().SingleAsync(s => s.Id == id);
    }

    private static async Task<int> RunsOf(ApiHost api, string idempotencyKeyPrefix)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        return await db.RunRequests.CountAsync(r => r.IdempotencyKey!.StartsWith(idempotencyKeyPrefix));
    }

    [Fact]
    public async Task Should_fire_once_when_delivered_twice_at_once()
    {
        var (api, schedule) = await StartWithSchedule("0 0 1 * *");
        await using var _ = api;
        var tick = new RunScheduleDue(schedule.Id, schedule.NextFireAt!.Value, schedule.Generation);
        var bus = api.Services.GetRequiredService<IBus>();

        await Task.WhenAll(bus.Publish(tick), bus.Publish(tick), bus.Publish(tick));

        var fired = await Eventually.Get(async () => await Load(api, schedule.Id) is { LastFiredAt: not null } s ? s : null,
            TimeSpan.FromSeconds(10), "tick handled");
        await Eventually.True(async () => await RunsOf(api, $"schedule-{schedule.Id:N}") == 1, TimeSpan.FromSeconds(10), "one run");
        Assert.Equal(tick.FireAt, fired.LastFiredAt);
        Assert.Equal(schedule.NextFireAt.Value.AddMonths(1), fired.NextFireAt);
        Assert.NotNull(fired.LastRunId);
        Assert.Null(fired.LastError);
    }

    [Fact]
    public async Task Should_run_a_missed_tick_once_and_plan_the_next_from_now()
    {
        var (api, schedule) = await StartWithSchedule("*/5 * * * *");
        await using var _ = api;
        var missed = DateTime.UtcNow.AddHours(-3);
        missed = new DateTime(missed.Year, missed.Month, missed.Day, missed.Hour, 0, 0, DateTimeKind.Utc);
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            await db.Schedules.Where(s => s.Id == schedule.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.NextFireAt, missed));
        }

        await api.Services.GetRequiredService<IBus>().Publish(new RunScheduleDue(schedule.Id, missed, schedule.Generation));

        var fired = await Eventually.Get(async () => await Load(api, schedule.Id) is { LastFiredAt: not null } s ? s : null,
            TimeSpan.FromSeconds(10), "missed tick handled");
        Assert.Equal(missed, fired.LastFiredAt);
        Assert.True(fired.NextFireAt > DateTime.UtcNow, "the next tick is planned from now, not from the missed one");
        Assert.Equal(1, await RunsOf(api, $"schedule-{schedule.Id:N}"));
    }

    [Fact]
    public async Task Should_ignore_a_tick_planned_before_the_schedule_was_edited()
    {
        var (api, schedule) = await StartWithSchedule("0 0 1 * *");
        await using var _ = api;
        using var edited = await api.As("alice:operator").Http.PutAsJsonAsync($"/api/schedules/{schedule.Id}",
            new { name = "tick", template = "hello", cron = "0 0 15 * *", timeZone = "UTC" });
        await ApiClient.Expect(edited, HttpStatusCode.OK);

        var bus = api.Services.GetRequiredService<IBus>();
        var consumed = new ConsumedTicks();
        using var observing = bus.ConnectConsumeMessageObserver(consumed);

        await bus.Publish(new RunScheduleDue(schedule.Id, schedule.NextFireAt!.Value, schedule.Generation));
        await bus.Publish(new RunScheduleDue(Guid.NewGuid(), DateTime.UtcNow, 0));

        await Eventually.True(() => Task.FromResult(consumed.Count == 2), TimeSpan.FromSeconds(10), "both ticks consumed");
        var now = await Load(api, schedule.Id);
        Assert.Equal(schedule.Generation + 1, now.Generation);
        Assert.Null(now.LastFiredAt);
        Assert.Equal(0, await RunsOf(api, $"schedule-{schedule.Id:N}"));
    }
}

/// <summary>Counts the schedule ticks the host finished consuming.</summary>
internal sealed class ConsumedTicks : IConsumeMessageObserver<RunScheduleDue>
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public Task PreConsume(ConsumeContext<RunScheduleDue> context) => Task.CompletedTask;

    public Task PostConsume(ConsumeContext<RunScheduleDue> context)
    {
        Interlocked.Increment(ref _count);
        return Task.CompletedTask;
    }

    public Task ConsumeFault(ConsumeContext<RunScheduleDue> context, Exception exception) => PostConsume(context);
}

[Trait("Category", "Integration")]
public sealed class When_two_orchestrators_share_a_schedule
{
    [Fact]
    public async Task Should_fire_each_tick_once_between_them()
    {
        await using var database = await TestPostgres.CreateAsync();
        await using var first = await ApiHost.StartAsync(database.ConnectionString);
        await using var second = await ApiHost.StartAsync(database.ConnectionString);
        using var created = await first.As("alice:operator").Post("/api/schedules",
            new { name = "shared", template = "hello", cron = "0 0 1 * *", timeZone = "UTC" });
        var view = (await created.Content.ReadFromJsonAsync<ScheduleView>(ApiClient.Json))!;
        await using var scope = first.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var schedule = await db.Schedules.AsNoTracking().SingleAsync(s => s.Id == view.Id);
        var tick = new RunScheduleDue(schedule.Id, schedule.NextFireAt!.Value, schedule.Generation);

        var firstBus = first.Services.GetRequiredService<IBus>();
        var secondBus = second.Services.GetRequiredService<IBus>();
        await Task.WhenAll(firstBus.Publish(tick), secondBus.Publish(tick), firstBus.Publish(tick), secondBus.Publish(tick));

        await Eventually.True(async () =>
            await db.Schedules.AsNoTracking().AnyAsync(s => s.Id == schedule.Id && s.LastFiredAt == tick.FireAt),
            TimeSpan.FromSeconds(20), "tick handled");
        var fired = await db.Schedules.AsNoTracking().SingleAsync(s => s.Id == schedule.Id);
        Assert.Equal(tick.FireAt.AddMonths(1), fired.NextFireAt);
        Assert.Equal(1, await db.RunRequests.CountAsync(r => r.IdempotencyKey!.StartsWith($"schedule-{schedule.Id:N}")));
        await first.As("alice:operator").WaitForStatus(fired.LastRunId!.Value, RunStatuses.Succeeded);
    }
}

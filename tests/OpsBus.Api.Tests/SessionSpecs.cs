using System.Net;
using OpsBus.Contracts;
using OpsBus.Testing;

namespace OpsBus.Api.Tests;

public sealed class When_an_operator_works_in_a_session
{
    [Fact]
    public async Task Should_create_it_with_201_and_its_location()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");

        using var generated = await alice.Post("/api/sessions", new { name = "Release 42!" });
        using var given = await alice.Post("/api/sessions", new { id = "hotfix-7", name = "Hotfix", lanes = new[] { "A", "db" } });

        await ApiClient.Expect(generated, HttpStatusCode.Created);
        await ApiClient.Expect(given, HttpStatusCode.Created);
        var session = await alice.Get<SessionResponse>(generated.Headers.Location!.OriginalString);
        Assert.Matches("^release-42-[a-z0-9]{6}$", session.Id);
        Assert.Equal(("Release 42!", "alice", null), (session.Name, session.CreatedBy, session.ArchivedAt));
        Assert.Equal(["A", "B", "C", "D"], session.Lanes);
        Assert.Equal("/api/sessions/hotfix-7", given.Headers.Location!.OriginalString);
        Assert.Equal(["A", "db"], (await alice.Get<SessionResponse>("/api/sessions/hotfix-7")).Lanes);
    }

    [Fact]
    public async Task Should_refuse_an_invalid_or_taken_session()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");
        await When_runs_are_listed.CreateSession(alice, new { id = "taken", name = "Taken" });

        using var invalid = await alice.Post("/api/sessions", new { id = "Not A Slug", name = " ", lanes = new[] { "A", "a", "b c" } });
        using var noLanes = await alice.Post("/api/sessions", new { name = "Empty", lanes = Array.Empty<string>() });
        using var malformed = await alice.PostRaw("/api/sessions", """{"name": ["x"]}""");
        using var taken = await alice.Post("/api/sessions", new { id = "taken", name = "Again" });

        Assert.Equal(["id", "lanes[1]", "lanes[2]", "name"], await ApiClient.ExpectInvalidFields(invalid));
        Assert.Equal(["lanes"], await ApiClient.ExpectInvalidFields(noLanes));
        Assert.Equal(["name"], await ApiClient.ExpectInvalidFields(malformed));
        await ApiClient.ExpectProblem(taken, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Should_list_only_the_callers_sessions_unless_it_sees_everything()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");
        var bob = api.As("bob:operator");
        await When_runs_are_listed.CreateSession(alice, new { id = "alice-1", name = "One" });
        await When_runs_are_listed.CreateSession(alice, new { id = "alice-2", name = "Two" });
        await When_runs_are_listed.CreateSession(bob, new { id = "bob-1", name = "Bob's" });

        var alices = await alice.Get<SessionList>("/api/sessions");
        var auditors = await api.As("carol:auditor").Get<SessionList>("/api/sessions");
        using var bobReadsAlices = await bob.Get("/api/sessions/alice-1");
        using var bobArchivesAlices = await bob.Post("/api/sessions/alice-1/archive");
        using var bobRunsInAlices = await bob.Post("/api/runs", Plans.Echo(sessionId: "alice-1"));

        Assert.Equal(["alice-2", "alice-1"], alices.Items.Select(s => s.Id));
        Assert.Equal(["alice-1", "alice-2", "bob-1"], auditors.Items.Select(s => s.Id).Order());
        await ApiClient.ExpectProblem(bobReadsAlices, HttpStatusCode.NotFound);
        await ApiClient.ExpectProblem(bobArchivesAlices, HttpStatusCode.NotFound);
        Assert.Equal(["sessionId"], await ApiClient.ExpectInvalidFields(bobRunsInAlices));
    }

    [Fact]
    public async Task Should_show_per_lane_the_active_run_and_how_many_wait()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");
        await When_runs_are_listed.CreateSession(alice, new { id = "release", name = "Release", lanes = new[] { "A", "B" } });
        var active = await alice.Submit(Plans.Sleep(60, sessionId: "release"));
        await alice.WaitForStatus(active.Id, RunStatuses.Running);
        var waiting = new[]
        {
            await alice.Submit(Plans.Echo("next", sessionId: "release")),
            await alice.Submit(Plans.Echo("after", lane: "a", sessionId: "release")),
        };
        var otherLane = await alice.Submit(Plans.Echo("elsewhere", lane: "B", sessionId: "release"));
        await alice.WaitForStatus(otherLane.Id, RunStatuses.Succeeded);

        var busy = await WaitForLane(alice, "release", "A", lane => lane.Queued == 2);

        Assert.Equal(active.Id, busy.ActiveRun?.Id);
        Assert.Equal(RunStatuses.Running, busy.ActiveRun?.Status);
        Assert.Equal(["wait"], busy.ActiveRun?.Steps.Select(s => s.Id));
        var idle = (await alice.Get<SessionResponse>("/api/sessions/release")).LaneStates!.Single(l => l.Lane == "B");
        Assert.Equal((0, null), (idle.Queued, idle.ActiveRun));
        Assert.All(waiting, run => Assert.Equal("A", run.Lane));

        using var cancel = await alice.Post($"/api/runs/{active.Id}/cancel");
        await ApiClient.Expect(cancel, HttpStatusCode.Accepted);
        foreach (var run in waiting)
            await alice.WaitForStatus(run.Id, RunStatuses.Succeeded);
        var drained = await WaitForLane(alice, "release", "A", lane => lane.ActiveRun is null);
        Assert.Equal(0, drained.Queued);
    }

    [Fact]
    public async Task Should_refuse_new_runs_once_archived()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");
        await When_runs_are_listed.CreateSession(alice, new { id = "sprint-9", name = "Sprint 9" });
        var earlier = await alice.Submit(Plans.Echo(sessionId: "sprint-9"));
        await alice.WaitForStatus(earlier.Id, RunStatuses.Succeeded);

        using var archive = await alice.Post("/api/sessions/sprint-9/archive");
        using var unknown = await alice.Post("/api/sessions/no-such-session/archive");
        using var newRun = await alice.Post("/api/runs", Plans.Echo(sessionId: "sprint-9"));
        using var retry = await alice.Post($"/api/runs/{earlier.Id}/retry");
        using var wrongLane = await alice.Post("/api/runs", Plans.Echo(lane: "Z", sessionId: "sprint-9"));

        await ApiClient.Expect(archive, HttpStatusCode.OK);
        Assert.NotNull((await alice.Get<SessionResponse>("/api/sessions/sprint-9")).ArchivedAt);
        await ApiClient.ExpectProblem(unknown, HttpStatusCode.NotFound);
        await ApiClient.ExpectProblem(newRun, HttpStatusCode.Conflict);
        await ApiClient.ExpectProblem(retry, HttpStatusCode.Conflict);
        Assert.Equal(["lane"], await ApiClient.ExpectInvalidFields(wrongLane));
        Assert.Equal(RunStatuses.Succeeded, (await alice.GetRun(earlier.Id)).Status);
    }

    [Fact]
    public async Task Should_refuse_a_run_in_a_session_that_does_not_exist()
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.As("alice:operator").Post("/api/runs", Plans.Echo(sessionId: "nowhere"));
        using var read = await api.As("alice:operator").Get("/api/sessions/nowhere");

        Assert.Equal(["sessionId"], await ApiClient.ExpectInvalidFields(response));
        await ApiClient.ExpectProblem(read, HttpStatusCode.NotFound);
    }

    private static Task<SessionLaneStatus> WaitForLane(ApiClient client, string sessionId, string lane, Func<SessionLaneStatus, bool> condition) =>
        Eventually.Get(async () =>
        {
            var session = await client.Get<SessionResponse>($"/api/sessions/{sessionId}");
            var state = session.LaneStates!.Single(l => l.Lane == lane);
            return condition(state) ? state : null;
        }, TimeSpan.FromSeconds(30), $"lane {lane} of session {sessionId}");
}

using System.Net;

namespace OpsBus.Api.Tests;

public sealed class When_a_run_request_is_invalid
{
    [Fact]
    public async Task Should_answer_400_with_one_error_per_bad_field()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");

        using var response = await alice.Post("/api/runs", new
        {
            plan = new
            {
                steps = new object[]
                {
                    new { id = "same", phase = "action", action = "echo" },
                    new { id = "same", phase = "deploy", action = "" },
                    new { id = "", phase = "verify", action = "echo" },
                },
            },
            lane = "no lanes with spaces",
            maxAttempts = 0,
            heartbeatTimeoutSeconds = 4,
            environment = new string('e', 65),
        });

        Assert.Equal(
            [
                "environment", "heartbeatTimeoutSeconds", "lane", "maxAttempts",
                "plan.steps[1].action", "plan.steps[1].id", "plan.steps[1].phase", "plan.steps[2].id",
            ],
            await ApiClient.ExpectInvalidFields(response));
        Assert.Empty(await api.Query(db => Task.FromResult(db.RunRequests.ToList())));
    }

    [Theory]
    [InlineData("{", "body")]
    [InlineData("[]", "body")]
    [InlineData("null", "body")]
    [InlineData("", "body")]
    [InlineData("not json", "body")]
    [InlineData("""{"maxAttempts":"many"}""", "maxAttempts")]
    [InlineData("""{"maxAttempts":1e40}""", "maxAttempts")]
    [InlineData("""{"plan":5}""", "plan")]
    [InlineData("""{"plan":{"steps":{"id":"x"}}}""", "plan.steps")]
    [InlineData("""{"plan":{"steps":[{"id":"x","phase":"action","action":"echo","inputs":[1]}]}}""", "plan.steps[0].inputs")]
    [InlineData("""{"plan":{"steps":[{"id":"x","phase":"action","action":"echo","continueOnError":"perhaps"}]}}""", "plan.steps[0].continueOnError")]
    public async Task Should_answer_a_400_problem_for_malformed_json(string body, string field)
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.As("alice:operator").PostRaw("/api/runs", body);

        Assert.Equal([field], await ApiClient.ExpectInvalidFields(response));
    }

    [Fact]
    public async Task Should_refuse_a_template_that_does_not_exist()
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.As("alice:operator").Post("/api/runs", new { template = "restart-service", @params = new { service = "web" } });

        var problem = await ApiClient.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.Equal("No template 'restart-service'.", problem.GetProperty("errors").GetProperty("template")[0].GetString());
    }

    [Fact]
    public async Task Should_refuse_a_plan_without_steps_or_with_too_many()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");

        using var empty = await alice.Post("/api/runs", new { plan = new { steps = Array.Empty<object>() } });
        using var none = await alice.Post("/api/runs", new { lane = "A" });
        using var tooMany = await alice.Post("/api/runs", Plans.Run(Enumerable.Range(0, 201).Select(i => Plans.Step($"s{i}", "echo")).ToArray()));

        Assert.Equal(["plan.steps"], await ApiClient.ExpectInvalidFields(empty));
        Assert.Equal(["plan"], await ApiClient.ExpectInvalidFields(none));
        Assert.Equal(["plan.steps"], await ApiClient.ExpectInvalidFields(tooMany));
    }

    [Fact]
    public async Task Should_refuse_an_unusable_idempotency_key()
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.As("alice:operator").Post("/api/runs", Plans.Echo(), idempotencyKey: new string('k', 257));

        Assert.Equal(["Idempotency-Key"], await ApiClient.ExpectInvalidFields(response));
    }

    [Fact]
    public async Task Should_refuse_a_body_over_one_mebibyte_with_413()
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.As("alice:operator").Post("/api/runs", Plans.Echo(new string('x', 1024 * 1024)));

        await ApiClient.ExpectProblem(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("/api/runs?status=done", "status")]
    [InlineData("/api/runs?status=queued,sleeping", "status")]
    [InlineData("/api/runs?limit=0", "limit")]
    [InlineData("/api/runs?limit=201", "limit")]
    [InlineData("/api/runs?limit=ten", "limit")]
    [InlineData("/api/runs?cursor=bm90LWEtY3Vyc29y", "cursor")]
    [InlineData("/api/runs?cursor=%%%", "cursor")]
    [InlineData("/api/runs?lane=a%20b", "lane")]
    [InlineData("/api/runs/00000000-0000-0000-0000-000000000001/events?limit=1001", "limit")]
    [InlineData("/api/runs/00000000-0000-0000-0000-000000000001/events?afterSeq=-1", "afterSeq")]
    public async Task Should_answer_400_for_a_bad_query_parameter(string url, string field)
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.As("alice:operator").Get(url);

        Assert.Equal([field], await ApiClient.ExpectInvalidFields(response));
    }
}

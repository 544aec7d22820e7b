using System.Net;
using System.Text.Json;
using OpsBus.Contracts;

namespace OpsBus.Api.Tests;

public sealed class When_an_operator_runs_a_template
{
    [Fact]
    public async Task Should_accept_it_with_its_version_parameters_plan_hash_and_risk_and_run_it()
    {
        await using var api = await ApiHost.StartAsync();
        using var created = await api.As("root:admin").Post("/api/templates", TemplateRequests.Greeter());
        var alice = api.As("alice:operator");

        var accepted = await alice.Submit(new { template = "greeter", @params = new { name = "ada", times = 2 }, environment = "staging" });
        var finished = await alice.WaitForFinish(accepted.Id, RunStatuses.Succeeded);

        Assert.Equal(("greeter", 1, "C", "staging", "read", false), (accepted.Template, accepted.TemplateVersion, accepted.Lane, accepted.Environment,
            accepted.Risk, accepted.RequiresApproval));
        Assert.Equal(new Dictionary<string, string> { ["name"] = "ada", ["times"] = "2", ["tone"] = "warm" }, accepted.Parameters);
        Assert.Matches("^[0-9a-f]{64}$", accepted.PlanHash);
        Assert.Equal((accepted.TemplateVersion, accepted.PlanHash, accepted.Risk), (finished.TemplateVersion, finished.PlanHash, finished.Risk));
        Assert.Equal(accepted.Parameters, finished.Parameters);
        Assert.Equal(["greet"], finished.Steps.Select(s => s.Id));
        // Log lines are stored by their own consumer, so they may land just after the run finished.
        await OpsBus.Testing.Eventually.True(async () =>
        {
            var events = await alice.Get<JsonElement>($"/api/runs/{accepted.Id}/events");
            return events.GetProperty("items").EnumerateArray().Any(e => e.GetProperty("message").GetString() == "Hello ada in staging");
        }, TimeSpan.FromSeconds(10), "the greeting in the run's log");
    }

    [Fact]
    public async Task Should_use_the_latest_version_and_the_lane_asked_for()
    {
        await using var api = await ApiHost.StartAsync();
        var admin = api.As("root:admin");
        using var created = await admin.Post("/api/templates", TemplateRequests.Greeter());
        using var edited = await admin.Send(HttpMethod.Put, "/api/templates/greeter", TemplateRequests.Greeter(title: "Greeter, again"));

        var run = await api.As("alice:operator").Submit(new { template = "greeter", environment = "prod", lane = "D" });

        Assert.Equal((2, "D"), (run.TemplateVersion, run.Lane));
    }

    [Theory]
    [InlineData("""{"template":"greeter","environment":"staging","params":{"name":"Ada"}}""", "params.name")]
    [InlineData("""{"template":"greeter","environment":"staging","params":{"times":"2"}}""", "params.times")]
    [InlineData("""{"template":"greeter","environment":"staging","params":{"tone":"loud"}}""", "params.tone")]
    [InlineData("""{"template":"greeter","environment":"staging","params":{"colour":"red"}}""", "params.colour")]
    [InlineData("""{"template":"greeter"}""", "environment")]
    [InlineData("""{"template":"greeter","environment":"dev"}""", "environment")]
    [InlineData("""{"template":"spec-kit-generate","params":{"summary":"Stop deploys in freezes.","goals":"Block deploys"}}""", "params.feature")]
    [InlineData("""{"template":"nope","environment":"staging"}""", "template")]
    [InlineData("""{"template":"greeter","environment":"staging","plan":{"steps":[{"id":"a","phase":"action","action":"echo"}]}}""", "template")]
    public async Task Should_answer_400_keyed_by_the_field_at_fault(string body, string field)
    {
        await using var api = await ApiHost.StartAsync();
        using var created = await api.As("root:admin").Post("/api/templates", TemplateRequests.Greeter());

        using var response = await api.As("alice:operator").PostRaw("/api/runs", body);

        Assert.Equal([field], await ApiClient.ExpectInvalidFields(response));
        Assert.Equal(0, await api.Query(db => Task.FromResult(db.RunRequests.Count())));
    }

    [Fact]
    public async Task Should_report_every_bad_parameter_at_once()
    {
        await using var api = await ApiHost.StartAsync();
        using var created = await api.As("root:admin").Post("/api/templates", TemplateRequests.Greeter());

        using var response = await api.As("alice:operator").Post("/api/runs",
            new { template = "greeter", environment = "qa", @params = new { name = 7, times = true, tone = "loud" } });

        Assert.Equal(["environment", "params.name", "params.times", "params.tone"], await ApiClient.ExpectInvalidFields(response));
    }
}

public sealed class When_the_approval_policy_judges_a_run
{
    [Theory]
    [InlineData("deploy", "prod", true)]
    [InlineData("deploy", "staging", false)]
    [InlineData("healthcheck", "prod", false)]
    [InlineData("hello", null, false)]
    public async Task Should_flag_a_template_run_by_its_risk_and_environment(string template, string? environment, bool requiresApproval)
    {
        await using var api = await ApiHost.StartAsync();

        var run = await api.As("alice:operator").Submit(new { template, environment });

        Assert.Equal(requiresApproval, run.RequiresApproval);
        Assert.Equal(requiresApproval, (await api.As("alice:operator").GetRun(run.Id)).RequiresApproval);
    }

    [Theory]
    [InlineData("prod", true)]
    [InlineData("staging", false)]
    [InlineData(null, false)]
    public async Task Should_count_an_inline_plan_as_a_write(string? environment, bool requiresApproval)
    {
        await using var api = await ApiHost.StartAsync();

        var run = await api.As("alice:operator").Submit(Plans.Echo(environment: environment));

        Assert.Equal(("write", requiresApproval), (run.Risk, run.RequiresApproval));
        Assert.Matches("^[0-9a-f]{64}$", run.PlanHash);
    }

    [Fact]
    public async Task Should_flag_a_destructive_template_anywhere_and_follow_configured_rules()
    {
        await using var api = await ApiHost.StartAsync(null, new Dictionary<string, string?>
        {
            ["Orchestrator:Approvals:RequireForRisks:staging:0"] = "read",
            ["Orchestrator:Approvals:RequireForRisks:*:0"] = "destructive",
        });
        using var created = await api.As("root:admin").Post("/api/templates", TemplateRequests.Greeter(slug: "wipe", risk: "destructive"));
        var alice = api.As("alice:operator");

        var wipe = await alice.Submit(new { template = "wipe", environment = "staging" });
        var check = await alice.Submit(new { template = "healthcheck", environment = "staging" });
        var deploy = await alice.Submit(new { template = "deploy", environment = "prod" });

        Assert.Equal((true, true, false), (wipe.RequiresApproval, check.RequiresApproval, deploy.RequiresApproval));
    }
}
